package io.elavira.llm.onnx;

import io.elavira.ElaviraException;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.TokenCounter;
import io.elavira.llm.onnx.internal.BertTokenizer;
import io.elavira.llm.onnx.internal.ModelFiles;
import io.elavira.llm.onnx.internal.OnnxEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedding model that runs in this JVM through ONNX Runtime: no server, no network.
 *
 * <p>{@link #allMiniLmL6V2()} loads the bundled all-MiniLM-L6-v2 (int8 quantized, 384 dimensions)
 * from the classpath. {@link #builder()} loads any BERT-style ONNX encoder with its HuggingFace
 * {@code tokenizer.json} (WordPiece) from files:
 *
 * <pre>{@code
 * try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2()) {
 *   List<float[]> vectors = model.embedAll(List.of("Comment annuler ?", "How to cancel?"));
 * }
 * }</pre>
 *
 * <p>Texts are tokenized exactly as the model's {@code tokenizer.json} says, cut to {@link
 * #maxSequenceLength()} word pieces (special tokens included), sorted by length and run in padded
 * batches of {@code batchSize}; the hidden states are mean-pooled over the attention mask and
 * L2-normalised. The int8 model is dynamically quantized, so a text embedded inside a batch and
 * alone can differ slightly (cosine about 0.99): cache vectors by text when they must be
 * reproducible.
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

  private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbeddingModel.class);

  private final String modelId;
  private final BertTokenizer tokenizer;
  private final OnnxEncoder encoder;
  private final int maxSequenceLength;
  private final int batchSize;
  private final int intraOpThreads;

  private OnnxEmbeddingModel(
      String modelId,
      BertTokenizer tokenizer,
      OnnxEncoder encoder,
      int maxSequenceLength,
      int batchSize,
      int intraOpThreads) {
    this.modelId = modelId;
    this.tokenizer = tokenizer;
    this.encoder = encoder;
    this.maxSequenceLength = maxSequenceLength;
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

  /** A builder; without model and tokenizer paths it builds the bundled all-MiniLM-L6-v2. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return encoder.dimension();
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException when the list or one of its texts is null
   * @throws IllegalStateException after {@link #close()}
   * @throws ElaviraException when ONNX Runtime fails
   */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    List<BertTokenizer.Encoding> encodings = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      encodings.add(tokenizer.encode(text, maxSequenceLength));
    }
    if (encodings.isEmpty()) {
      return List.of();
    }
    return encoder.embed(encodings, batchSize);
  }

  /**
   * Counts word pieces exactly as this model's tokenizer does, without the special tokens and
   * without truncation. Thread-safe; keeps working after {@link #close()}.
   */
  public TokenCounter tokenCounter() {
    return tokenizer::count;
  }

  /** The most word pieces per text, special tokens included; longer texts are cut at the end. */
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
    return "OnnxEmbeddingModel[" + modelId + ", dimension=" + dimension() + "]";
  }

  /**
   * Configures an {@link OnnxEmbeddingModel}. Setters validate at once and throw {@link
   * IllegalArgumentException} (or {@link NullPointerException} for a null) on a bad value. Not
   * thread-safe; {@link #build()} may be called several times, each call loading its own session.
   */
  public static final class Builder {
    private @Nullable Path modelPath;
    private @Nullable Path tokenizerPath;
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

    /** The model's HuggingFace {@code tokenizer.json} (WordPiece); needs a model path too. */
    public Builder tokenizerPath(Path tokenizerPath) {
      this.tokenizerPath = Objects.requireNonNull(tokenizerPath, "tokenizerPath");
      return this;
    }

    /**
     * The id stored next to each vector; default {@value #MINILM_MODEL_ID} for the bundled model,
     * the model file's name without {@code .onnx} otherwise.
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
     * The most word pieces per text, special tokens included. Default {@value
     * #MINILM_MAX_SEQUENCE_LENGTH} for the bundled model; for a model from files, the truncation
     * length in its tokenizer.json, else {@value #FALLBACK_MAX_SEQUENCE_LENGTH}.
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
     * @throws IllegalStateException when only one of model path and tokenizer path is set
     * @throws IllegalArgumentException when {@code maxSequenceLength} leaves no room next to the
     *     tokenizer's special tokens
     * @throws ElaviraException when a file is missing or unreadable, or is not a supported model
     */
    public OnnxEmbeddingModel build() {
      if ((modelPath == null) != (tokenizerPath == null)) {
        throw new IllegalStateException(
            "set both modelPath and tokenizerPath, or neither for the bundled all-MiniLM-L6-v2");
      }
      long start = System.nanoTime();
      Path file = modelPath;
      Path tokenizerFile = tokenizerPath;
      boolean bundled = file == null || tokenizerFile == null;
      if (file != null) {
        ModelFiles.requireModelFile(file);
      }
      int threads = intraOpThreads;
      CompletableFuture<OnnxEncoder> loading =
          CompletableFuture.supplyAsync(
              () ->
                  bundled
                      ? OnnxEncoder.open(
                          ModelFiles.bundledModel(),
                          "classpath:" + ModelFiles.MINILM_MODEL_RESOURCE,
                          threads)
                      : OnnxEncoder.open(Objects.requireNonNull(file), threads),
              task -> {
                Thread t = new Thread(task, "elavira-onnx-load");
                t.setDaemon(true);
                t.start();
              });
      OnnxEncoder encoder = null;
      try {
        BertTokenizer tokenizer =
            tokenizerFile == null
                ? ModelFiles.readBundledTokenizer()
                : ModelFiles.readTokenizer(tokenizerFile);
        int maxLength = maxSequenceLength;
        if (maxLength == 0) {
          maxLength =
              bundled
                  ? MINILM_MAX_SEQUENCE_LENGTH
                  : tokenizer.declaredMaxLength() > 0
                      ? tokenizer.declaredMaxLength()
                      : FALLBACK_MAX_SEQUENCE_LENGTH;
        }
        if (maxLength <= tokenizer.specialTokenCount()) {
          throw new IllegalArgumentException(
              "maxSequenceLength " + maxLength + " leaves no room next to the special tokens");
        }
        String id =
            modelId != null ? modelId : file == null ? MINILM_MODEL_ID : ModelFiles.stem(file);
        encoder = await(loading);
        LOG.debug(
            "loaded ONNX embedding model {} ({} dimensions, {} threads) in {} ms",
            id,
            encoder.dimension(),
            threads,
            (System.nanoTime() - start) / 1_000_000);
        return new OnnxEmbeddingModel(id, tokenizer, encoder, maxLength, batchSize, threads);
      } finally {
        if (encoder == null) {
          // The tokenizer failed: free the session whenever its load ends.
          loading.thenAccept(OnnxEncoder::close);
        }
      }
    }

    private static OnnxEncoder await(CompletableFuture<OnnxEncoder> loading) {
      try {
        return loading.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ElaviraException("interrupted while loading the ONNX embedding model", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        if (e.getCause() instanceof Error) {
          throw (Error) e.getCause();
        }
        throw new ElaviraException("cannot load the ONNX embedding model", e.getCause());
      }
    }
  }
}
