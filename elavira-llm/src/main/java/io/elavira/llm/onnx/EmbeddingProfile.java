package io.elavira.llm.onnx;

import io.elavira.retrieval.HybridRetriever;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How an ONNX sentence encoder is used: the prefixes written before questions and passages, how the
 * token vectors become one vector, whether it is L2-normalised, and the most tokens read per text.
 * The tokenizer itself is the model folder's {@code tokenizer.json}.
 *
 * <p>Named presets follow each model's card: {@link #ALL_MINILM_L6_V2}, {@link #E5_SMALL_V2},
 * {@link #MULTILINGUAL_E5_SMALL}, {@link #PARAPHRASE_MULTILINGUAL_MINILM_L12_V2}; {@link
 * #named(String)} finds one by name, {@link #builder(String)} describes any other model:
 *
 * <pre>{@code
 * EmbeddingProfile bge =
 *     EmbeddingProfile.builder("bge-small-en-v1.5")
 *         .queryPrefix("Represent this sentence for searching relevant passages: ")
 *         .pooling(EmbeddingProfile.Pooling.CLS)
 *         .build();
 * }</pre>
 *
 * <p>The profile is part of {@link OnnxEmbeddingModel#modelId()}: changing it gives vectors of
 * another id, so documents are embedded again on the next open. Immutable and thread-safe.
 */
public final class EmbeddingProfile {
  /** How the encoder's token vectors become one sentence vector. */
  public enum Pooling {
    /** The mean of the token vectors over the attention mask (sentence-transformers, e5). */
    MEAN,
    /** The vector of the first token, {@code [CLS]} (BGE and other CLS-trained models). */
    CLS
  }

  /** Default of {@link Builder#pooling(Pooling)}. */
  public static final Pooling DEFAULT_POOLING = Pooling.MEAN;

  /** Default of {@link Builder#maxLength(int)}: BERT's position limit, in tokens. */
  public static final int DEFAULT_MAX_LENGTH = 512;

  /**
   * all-MiniLM-L6-v2 (English, 384 dimensions): no prefixes, mean pooling, normalised, 256 tokens
   * (the length it was trained with). Weak matches below a cosine of 0.62 ({@link
   * #weakMatchBelow()}).
   */
  public static final EmbeddingProfile ALL_MINILM_L6_V2 =
      builder("all-minilm-l6-v2").maxLength(256).build();

  /**
   * e5-small-v2 (English, 384 dimensions): {@code "query: "} before questions, {@code "passage: "}
   * before passages, mean pooling, normalised, 512 tokens. Weak matches below a cosine of 0.87
   * ({@link #weakMatchBelow()}): e5's cosines sit in a narrow, high band.
   */
  public static final EmbeddingProfile E5_SMALL_V2 =
      builder("e5-small-v2").queryPrefix("query: ").passagePrefix("passage: ").build();

  /**
   * multilingual-e5-small (about 100 languages, 384 dimensions): e5's prefixes, mean pooling,
   * normalised, 512 tokens. Its tokenizer is SentencePiece (Unigram), which {@link
   * OnnxEmbeddingModel} cannot read yet ({@link UnsupportedTokenizerException}).
   */
  public static final EmbeddingProfile MULTILINGUAL_E5_SMALL =
      builder("multilingual-e5-small").queryPrefix("query: ").passagePrefix("passage: ").build();

  /**
   * paraphrase-multilingual-MiniLM-L12-v2 (50 languages, 384 dimensions): no prefixes, mean
   * pooling, 128 tokens (its sentence-transformers settings). Normalised here, though its card does
   * not normalise: Elavira's stores compare unit vectors, and normalising keeps the model's cosine
   * ranking. Its tokenizer is SentencePiece (Unigram), not readable yet ({@link
   * UnsupportedTokenizerException}).
   */
  public static final EmbeddingProfile PARAPHRASE_MULTILINGUAL_MINILM_L12_V2 =
      builder("paraphrase-multilingual-minilm-l12-v2").maxLength(128).build();

  private static final Map<String, EmbeddingProfile> PRESETS = presets();

  /**
   * The weak-match thresholds measured on the French service-public.fr evaluation set
   * (docs/vector-stores.md, "Weak-match threshold"), by preset: the best cosine that best separates
   * its questions with their answer in the index from the same questions with it removed.
   * all-MiniLM-L6-v2's is {@link HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}; the other
   * presets were not measured.
   */
  private static final Map<String, Double> MEASURED_WEAK_MATCH_BELOW =
      Map.of(
          ALL_MINILM_L6_V2.name,
          HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW,
          E5_SMALL_V2.name,
          0.87);

  private final String name;
  private final String queryPrefix;
  private final String passagePrefix;
  private final Pooling pooling;
  private final boolean normalize;
  private final int maxLength;

  private EmbeddingProfile(Builder b) {
    this.name = b.name;
    this.queryPrefix = b.queryPrefix == null ? "" : b.queryPrefix;
    this.passagePrefix = b.passagePrefix == null ? "" : b.passagePrefix;
    this.pooling = b.pooling == null ? DEFAULT_POOLING : b.pooling;
    this.normalize = b.normalize == null || b.normalize;
    this.maxLength = b.maxLength == 0 ? DEFAULT_MAX_LENGTH : b.maxLength;
  }

  private static Map<String, EmbeddingProfile> presets() {
    Map<String, EmbeddingProfile> m = new LinkedHashMap<>();
    for (EmbeddingProfile p :
        List.of(
            ALL_MINILM_L6_V2,
            E5_SMALL_V2,
            MULTILINGUAL_E5_SMALL,
            PARAPHRASE_MULTILINGUAL_MINILM_L12_V2)) {
      m.put(p.name, p);
    }
    return Map.copyOf(m);
  }

  /**
   * The preset of that name, case-insensitive ({@link #presetNames()}).
   *
   * @throws IllegalArgumentException when no preset has that name (the message lists them)
   */
  public static EmbeddingProfile named(String name) {
    Objects.requireNonNull(name, "name");
    EmbeddingProfile p = PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException(
          "no embedding profile named '"
              + name
              + "'; presets: "
              + String.join(", ", presetNames())
              + " (or describe the model with EmbeddingProfile.builder(name))");
    }
    return p;
  }

  /** The names of the presets, sorted. */
  public static List<String> presetNames() {
    return PRESETS.keySet().stream().sorted().toList();
  }

  /**
   * A builder for a model without a preset.
   *
   * @param name a short name for the model, e.g. {@code "bge-small-en-v1.5"}; part of the model id
   * @throws IllegalArgumentException when the name is blank or has characters other than letters,
   *     digits, {@code . _ -}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The preset or builder name. */
  public String name() {
    return name;
  }

  /** Written before every question ({@code "query: "} for e5); empty when none. */
  public String queryPrefix() {
    return queryPrefix;
  }

  /** Written before every passage ({@code "passage: "} for e5); empty when none. */
  public String passagePrefix() {
    return passagePrefix;
  }

  /** How token vectors become one vector (ignored for a model whose output is already pooled). */
  public Pooling pooling() {
    return pooling;
  }

  /** Whether vectors are L2-normalised (so that a dot product is the cosine). */
  public boolean normalize() {
    return normalize;
  }

  /** The most tokens read per text, special tokens and prefix included; the rest is cut. */
  public int maxLength() {
    return maxLength;
  }

  /** Whether questions and passages are embedded differently (their prefixes differ). */
  public boolean distinguishesQueries() {
    return !queryPrefix.equals(passagePrefix);
  }

  /**
   * The best cosine below which a question matches no passage well with this model, measured on an
   * evaluation set: 0.62 for {@link #ALL_MINILM_L6_V2}, 0.87 for {@link #E5_SMALL_V2}; empty for
   * the other presets and for any profile that is not an unchanged preset (its cosines were not
   * measured). {@link OnnxEmbeddingModel#weakMatchBelow()} returns it, and an agent then uses it by
   * default ({@link io.elavira.ElaviraAgentBuilder#weakMatchBelow(double)}).
   */
  public OptionalDouble weakMatchBelow() {
    Double measured = isPreset() ? MEASURED_WEAK_MATCH_BELOW.get(name) : null;
    return measured == null ? OptionalDouble.empty() : OptionalDouble.of(measured);
  }

  /** Whether this is one of the named presets, unchanged. */
  public boolean isPreset() {
    return equals(PRESETS.get(name));
  }

  /**
   * A short id of the profile for model ids: the name for an unchanged preset, else the name and 8
   * hex digits of a hash of every setting (so two different profiles never share an id).
   */
  public String id() {
    if (isPreset()) {
      return name;
    }
    String settings =
        String.join(
            "\u0000",
            queryPrefix,
            passagePrefix,
            pooling.name(),
            Boolean.toString(normalize),
            Integer.toString(maxLength));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(settings.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * This profile with another maximum length (a changed preset gets another {@link #id()}).
   *
   * @throws IllegalArgumentException when {@code maxLength < 3}
   */
  public EmbeddingProfile withMaxLength(int maxLength) {
    if (maxLength == this.maxLength) {
      return this;
    }
    Builder b =
        builder(name)
            .queryPrefix(queryPrefix)
            .passagePrefix(passagePrefix)
            .pooling(pooling)
            .normalize(normalize);
    return b.maxLength(maxLength).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EmbeddingProfile p
        && name.equals(p.name)
        && queryPrefix.equals(p.queryPrefix)
        && passagePrefix.equals(p.passagePrefix)
        && pooling == p.pooling
        && normalize == p.normalize
        && maxLength == p.maxLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, queryPrefix, passagePrefix, pooling, normalize, maxLength);
  }

  @Override
  public String toString() {
    return "EmbeddingProfile["
        + name
        + ", query prefix '"
        + queryPrefix
        + "', passage prefix '"
        + passagePrefix
        + "', "
        + pooling
        + (normalize ? ", normalised" : ", not normalised")
        + ", "
        + maxLength
        + " tokens]";
  }

  /**
   * Describes a model without a preset. Every setter validates at once and may be called once
   * (again throws {@link IllegalStateException}). Defaults: no prefixes, {@link #DEFAULT_POOLING},
   * normalised, {@value #DEFAULT_MAX_LENGTH} tokens. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private @Nullable String queryPrefix;
    private @Nullable String passagePrefix;
    private @Nullable Pooling pooling;
    private @Nullable Boolean normalize;
    private int maxLength;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "profile name '" + name + "' must be letters, digits, '.', '_' or '-'");
      }
      this.name = name.toLowerCase(Locale.ROOT);
    }

    /** Written before every question, e.g. {@code "query: "}; default none. */
    public Builder queryPrefix(String prefix) {
      once(queryPrefix, "queryPrefix");
      this.queryPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Written before every passage, e.g. {@code "passage: "}; default none. */
    public Builder passagePrefix(String prefix) {
      once(passagePrefix, "passagePrefix");
      this.passagePrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** How token vectors become one vector; default {@link #DEFAULT_POOLING}. */
    public Builder pooling(Pooling pooling) {
      once(this.pooling, "pooling");
      this.pooling = Objects.requireNonNull(pooling, "pooling");
      return this;
    }

    /**
     * Whether vectors are L2-normalised; default true. Turn it off only for a store that computes
     * the cosine itself: {@link io.elavira.embed.EmbeddingModel} promises unit vectors, and
     * Elavira's stores rank by dot product.
     */
    public Builder normalize(boolean normalize) {
      once(this.normalize, "normalize");
      this.normalize = normalize;
      return this;
    }

    /**
     * The most tokens read per text, special tokens and prefix included; default {@value
     * #DEFAULT_MAX_LENGTH}.
     *
     * @throws IllegalArgumentException when below 3 (two special tokens and a word)
     */
    public Builder maxLength(int maxLength) {
      if (this.maxLength != 0) {
        throw new IllegalStateException("maxLength is already set");
      }
      if (maxLength < 3) {
        throw new IllegalArgumentException(
            "maxLength must be >= 3 (two special tokens and a word), got " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    /** The profile. May be called several times. */
    public EmbeddingProfile build() {
      return new EmbeddingProfile(this);
    }

    private static void once(@Nullable Object current, String option) {
      if (current != null) {
        throw new IllegalStateException(option + " is already set");
      }
    }
  }
}
