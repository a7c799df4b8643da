package io.elavira.llm.onnx;

import io.elavira.ElaviraException;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.TokenCounter;
import io.elavira.llm.onnx.internal.BertTokenizer;
import io.elavira.llm.onnx.internal.OnnxEncoder;
import io.elavira.llm.onnx.internal.OnnxNatives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * An embedding model that runs in this JVM through ONNX Runtime: no server, no network.
 *
 * <p>{@link #allMiniLmL6V2()} loads the bundled all-MiniLM-L6-v2 (int8 quantized, 384 dimensions)
 * from the classpath. {@link #builder()} loads any BERT-style ONNX encoder with its HuggingFace
 * {@code tokenizer.json} (WordPiece) from a model folder or files, used as its {@link
 * EmbeddingProfile} says (prefixes, pooling, normalisation, length):
 *
 * <pre>{@code
 * try (OnnxEmbeddingModel model =
 *     OnnxEmbeddingModel.builder()
 *         .modelDirectory(Path.of("models/e5-small-v2"))
 *         .profile(EmbeddingProfile.E5_SMALL_V2)
 *         .build()) {
 *   List<float[]> passages = model.embedAll(List.of("Annuler une réservation en ligne ..."));
 *   float[] question = model.embedQuery("Comment annuler ?");
 * }
 * }</pre>
 *
 * <p>Passages ({@link #embedAll}, {@link #embed}) get the profile's passage prefix, questions
 * ({@link #embedQuery}) its query prefix. Texts are tokenized exactly as the model's {@code
 * tokenizer.json} says, cut to {@link #maxSequenceLength()} word pieces (special tokens and prefix
 * included), sorted by length and run in padded batches of {@code batchSize}; the hidden states are
 * pooled and normalised as the profile says. The int8 model is dynamically quantized, so a text
 * embedded inside a batch and alone can differ slightly (cosine about 0.99): cache vectors by text
 * when they must be reproducible.
 *
 * <p>Lifecycle and threading: loading takes under a second; build one instance and share it. It is
 * thread-safe: concurrent calls run their batches side by side on one session. {@link #close()}
 * releases the native session once the batches running at that moment end; a call still under way
 * and every later call fail with {@link IllegalStateException}. {@link #tokenCounter()} keeps
 * working after close.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
  /**
   * Texts per ONNX call unless the builder says otherwise. Measured on 2 cores with 256 sentences
   * of about 40 words: batches of 8 embedded about 170 sentences/s per thread, batches of 32 about
   * 130 (bigger activations fall out of the CPU cache), one text per call about 150-165.
   */
  public static final int DEFAULT_BATCH_SIZE = 8;

  /**
   * The most ONNX Runtime threads per call chosen by default (see {@link
   * #defaultIntraOpThreads()}): beyond four, a small encoder gains little.
   */
  public static final int MAX_DEFAULT_INTRA_OP_THREADS = 4;

  /** The sequence length all-MiniLM-L6-v2 was trained with, in word pieces. */
  public static final int MINILM_MAX_SEQUENCE_LENGTH = 256;

  /** The length used for a model whose tokenizer.json declares none (BERT's position limit). */
  public static final int FALLBACK_MAX_SEQUENCE_LENGTH = 512;

  /** The model id of {@link #allMiniLmL6V2()}. */
  public static final String MINILM_MODEL_ID = "all-minilm-l6-v2-q";

  private final String modelId;
  private final EmbeddingProfile profile;
  private final BertTokenizer tokenizer;
  private final OnnxEncoder encoder;
  private final int maxSequenceLength;
  private final int batchSize;
  private final int intraOpThreads;

  private OnnxEmbeddingModel(OnnxModelLoader.Loaded loaded, int batchSize, int intraOpThreads) {
    this.modelId = loaded.modelId();
    this.profile = loaded.profile();
    this.tokenizer = loaded.tokenizer();
    this.encoder = loaded.encoder();
    this.maxSequenceLength = profile.maxLength();
    this.batchSize = batchSize;
    this.intraOpThreads = intraOpThreads;
  }

  /**
   * ONNX Runtime threads per call unless the builder says otherwise: {@code min(4, available
   * processors)}, for an application that has the machine to itself (a CLI, a desktop app).
   * Measured with batches of 8 on 2 idle cores: 1 thread about 179 sentences/s, 2 threads about
   * 290/s. A server embedding from many threads at once may prefer 1 thread per call.
   */
  public static int defaultIntraOpThreads() {
    return Math.min(MAX_DEFAULT_INTRA_OP_THREADS, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The bundled all-MiniLM-L6-v2 int8 model (384 dimensions, 256 word pieces), with default batch
   * size and threads. Same as {@code builder().build()}.
   *
   * @throws ElaviraException when the model artifact is missing from the classpath
   */
  public static OnnxEmbeddingModel allMiniLmL6V2() {
    return builder().build();
  }

  /**
   * Has ONNX Runtime load its native libraries from {@code folder}, a folder of the application's
   * home such as {@code home.resolve("natives")}, unpacking them there once (24 MB on Linux x64).
   * Without it ONNX Runtime copies them into the JVM's temporary folder at every start and deletes
   * them at exit, and a process killed while loading leaves them there. It still creates an empty
   * folder there while loading and deletes it at once.
   *
   * <p>JVM-wide and once: call it before the first model of the JVM loads (later calls change
   * nothing for a runtime already loaded). It sets the system property {@code
   * onnxruntime.native.path} and does nothing when that property is already set, or when the jar
   * carries no libraries for this platform. Thread-safe.
   *
   * @return the subfolder of {@code folder} the libraries were unpacked into, or empty when nothing
   *     was done
   * @throws ElaviraException when the folder cannot be created or written, naming it
   */
  public static Optional<Path> useNativeLibraryFolder(Path folder) {
    return OnnxNatives.useFolder(Objects.requireNonNull(folder, "folder"));
  }

  /** A builder; without model and tokenizer paths it builds the bundled all-MiniLM-L6-v2. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The model's name (the bundled model's id, the folder's name or the file's name without
   * {@code .onnx}), followed by {@code "+"} and the profile's {@link EmbeddingProfile#id()} when a
   * profile other than the model's default is used; or the id given to the builder.
   */
  @Override
  public String modelId() {
    return modelId;
  }

  /** {@link #modelId()}, followed by {@code "#query"} when questions get another prefix. */
  @Override
  public String queryModelId() {
    return profile.distinguishesQueries() ? modelId + "#query" : modelId;
  }

  /** How texts are prefixed, pooled, normalised and cut. */
  public EmbeddingProfile profile() {
    return profile;
  }

  /** {@inheritDoc} The profile's ({@link EmbeddingProfile#weakMatchBelow()}). */
  @Override
  public OptionalDouble weakMatchBelow() {
    return profile.weakMatchBelow();
  }

  @Override
  public int dimension() {
    return encoder.dimension();
  }

  /**
   * {@inheritDoc} Each text gets the profile's passage prefix.
   *
   * @throws NullPointerException when the list or one of its texts is null
   * @throws IllegalStateException after {@link #close()}
   * @throws ElaviraException when ONNX Runtime fails
   */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    return embed(texts, profile.passagePrefix());
  }

  /**
   * {@inheritDoc} The question gets the profile's query prefix.
   *
   * @throws NullPointerException when the text is null
   * @throws IllegalStateException after {@link #close()}
   * @throws ElaviraException when ONNX Runtime fails
   */
  @Override
  public float[] embedQuery(String text) {
    Objects.requireNonNull(text, "text");
    return embed(List.of(text), profile.queryPrefix()).get(0);
  }

  private List<float[]> embed(List<String> texts, String prefix) {
    Objects.requireNonNull(texts, "texts");
    List<BertTokenizer.Encoding> encodings = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      encodings.add(tokenizer.encode(prefix.isEmpty() ? text : prefix + text, maxSequenceLength));
    }
    if (encodings.isEmpty()) {
      return List.of();
    }
    return encoder.embed(encodings, batchSize, profile.pooling(), profile.normalize());
  }

  /**
   * Counts word pieces exactly as this model's tokenizer does, without the special tokens, the
   * profile's prefixes and truncation. Thread-safe; keeps working after {@link #close()}.
   */
  public TokenCounter tokenCounter() {
    return tokenizer::count;
  }

  /**
   * The most word pieces per text, special tokens and prefix included ({@link
   * EmbeddingProfile#maxLength()}); longer texts are cut at the end.
   */
  public int maxSequenceLength() {
    return maxSequenceLength;
  }

  /** Texts per ONNX call. */
  public int batchSize() {
    return batchSize;
  }

  /** ONNX Runtime threads per call. */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /**
   * Releases the ONNX session. Idempotent. Waits for the batches running now (not for whole calls):
   * a call under way fails at its next batch with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    encoder.close();
  }

  @Override
  public String toString() {
    return "OnnxEmbeddingModel[" + modelId + ", dimension=" + dimension() + ", " + profile + "]";
  }

  /**
   * Configures an {@link OnnxEmbeddingModel}. Setters validate at once and throw {@link
   * IllegalArgumentException} (or {@link NullPointerException} for a null) on a bad value. Not
   * thread-safe; {@link #build()} may be called several times, each call loading its own session.
   */
  public static final class Builder {
    private @Nullable Path modelPath;
    private @Nullable Path tokenizerPath;
    private @Nullable Path modelDirectory;
    private @Nullable EmbeddingProfile profile;
    private @Nullable String modelId;
    private int maxSequenceLength;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int intraOpThreads = defaultIntraOpThreads();

    private Builder() {}

    /** The ONNX model file (a BERT-style encoder); needs {@link #tokenizerPath(Path)} too. */
    public Builder modelPath(Path modelPath) {
      this.modelPath = Objects.requireNonNull(modelPath, "modelPath");
      return this;
    }

    /**
     * A model folder as HuggingFace lays it out: {@code tokenizer.json}, and {@code model.onnx} at
     * the top or under {@code onnx/} (else the only {@code .onnx} file there). Instead of {@link
     * #modelPath(Path)} and {@link #tokenizerPath(Path)}; the folder's name is the model's name.
     *
     * @throws IllegalStateException when set twice
     */
    public Builder modelDirectory(Path modelDirectory) {
      if (this.modelDirectory != null) {
        throw new IllegalStateException("modelDirectory is already set");
      }
      this.modelDirectory = Objects.requireNonNull(modelDirectory, "modelDirectory");
      return this;
    }

    /**
     * How the model is used: prefixes, pooling, normalisation, length. Default {@link
     * EmbeddingProfile#ALL_MINILM_L6_V2} for the bundled model; for a model from files, no
     * prefixes, mean pooling, normalised, the truncation length in its tokenizer.json (else {@value
     * #FALLBACK_MAX_SEQUENCE_LENGTH}). A profile other than the default is part of {@link
     * OnnxEmbeddingModel#modelId()}.
     *
     * @throws IllegalStateException when set twice
     */
    public Builder profile(EmbeddingProfile profile) {
      if (this.profile != null) {
        throw new IllegalStateException("profile is already set");
      }
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** The model's HuggingFace {@code tokenizer.json} (WordPiece); needs a model path too. */
    public Builder tokenizerPath(Path tokenizerPath) {
      this.tokenizerPath = Objects.requireNonNull(tokenizerPath, "tokenizerPath");
      return this;
    }

    /**
     * The id stored next to each vector, used as is; default as {@link
     * OnnxEmbeddingModel#modelId()} says.
     */
    public Builder modelId(String modelId) {
      Objects.requireNonNull(modelId, "modelId");
      if (modelId.isBlank()) {
        throw new IllegalArgumentException("modelId must not be blank");
      }
      this.modelId = modelId;
      return this;
    }

    /**
     * The most word pieces per text, special tokens included, instead of the profile's {@link
     * EmbeddingProfile#maxLength()} (see {@link #profile(EmbeddingProfile)} for the defaults).
     */
    public Builder maxSequenceLength(int maxSequenceLength) {
      if (maxSequenceLength < 3) {
        throw new IllegalArgumentException(
            "maxSequenceLength must be >= 3 (two special tokens and a word), got "
                + maxSequenceLength);
      }
      this.maxSequenceLength = maxSequenceLength;
      return this;
    }

    /** Texts per ONNX call, default {@value #DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * ONNX Runtime threads per call, default {@link #defaultIntraOpThreads()}. Concurrent calls
     * share these threads; choose 1 when many threads embed at once on a busy machine.
     */
    public Builder intraOpThreads(int intraOpThreads) {
      if (intraOpThreads < 1) {
        throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
      }
      this.intraOpThreads = intraOpThreads;
      return this;
    }

    /**
     * Loads the tokenizer and the ONNX session. The session is loaded on a short-lived thread while
     * this thread reads the tokenizer: on two cores or more the load takes about the time of the
     * slower of the two.
     *
     * @throws IllegalStateException when only one of model path and tokenizer path is set, or a
     *     model folder too
     * @throws IllegalArgumentException when {@code maxSequenceLength} leaves no room next to the
     *     tokenizer's special tokens
     * @throws UnsupportedTokenizerException when the tokenizer.json is not a WordPiece one
     * @throws ElaviraException when a file is missing or unreadable, or is not a supported model
     */
    public OnnxEmbeddingModel build() {
      if ((modelPath == null) != (tokenizerPath == null)
          || (modelPath != null && modelDirectory != null)) {
        throw new IllegalStateException(
            "set both modelPath and tokenizerPath, or a modelDirectory, or none of them for the"
                + " bundled all-MiniLM-L6-v2");
      }
      OnnxModelLoader.Loaded loaded =
          OnnxModelLoader.load(
              modelPath,
              tokenizerPath,
              modelDirectory,
              profile,
              modelId,
              maxSequenceLength,
              intraOpThreads);
      return new OnnxEmbeddingModel(loaded, batchSize, intraOpThreads);
    }
  }
}
