package io.elavira.retrieval;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.DocumentStore;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Dense + lexical retrieval fused by reciprocal rank fusion (RRF): the vector index finds passages
 * that mean the same as the question, the BM25 index those that share its rare words (names,
 * numbers, codes, and French words an English embedding model reads poorly), and each passage
 * scores {@code denseWeight / (rrfK + denseRank) + lexicalWeight / (rrfK + lexicalRank)}; {@link
 * Fusion#CONVEX_MIN_MAX} combines normalised scores instead ({@link Builder#fusion(Fusion)}).
 *
 * <p>Both sides search within the agent's shared passages and the user's private ones (the filter
 * of {@link #scope(String, String)}, applied inside each index), and every passage is checked again
 * against its document row. Passages with identical text in several files (same content hash) are
 * collapsed into one that names every file. {@link Retrieval#weakMatch()} flags questions no
 * passage matches well.
 *
 * <p>Build with {@link #builder(EmbeddingModel, VectorStore, LexicalIndex, DocumentStore)}.
 * Immutable and thread-safe; it does not own the model, indexes or store it is given.
 */
public final class HybridRetriever implements Retriever {
  private final EmbeddingModel embeddings;
  private final VectorStore vectors;
  private final LexicalIndex lexical;
  private final DocumentStore documents;
  private final double denseWeight;
  private final double lexicalWeight;
  private final int rrfK;
  private final Fusion fusion;
  private final int candidates;
  private final double weakMatchBelow;

  private HybridRetriever(Builder b) {
    this.embeddings = b.embeddings;
    this.vectors = b.vectors;
    this.lexical = b.lexical;
    this.documents = b.documents;
    this.denseWeight = b.denseWeight;
    this.lexicalWeight = b.lexicalWeight;
    this.rrfK = b.rrfK;
    this.fusion = Objects.requireNonNullElse(b.fusion, Builder.DEFAULT_FUSION);
    this.candidates = b.candidates;
    this.weakMatchBelow = b.weakMatchBelow;
  }

  /**
   * Starts configuring a retriever over these components.
   *
   * @param embeddings the model the vector index was built with
   * @param vectors the vector index
   * @param lexical the lexical index, holding the same chunk ids and metadata
   * @param documents the system of record
   * @return a builder with the defaults of {@link Builder}
   */
  public static Builder builder(
      EmbeddingModel embeddings,
      VectorStore vectors,
      LexicalIndex lexical,
      DocumentStore documents) {
    return new Builder(embeddings, vectors, lexical, documents);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A passage whose text is in several files is one {@link Source} ({@link Passage#named()}),
   * from the best-ranked file, whose document name reads {@code "a.txt (also in b.txt)"} and whose
   * paths name every file; {@link #search(RetrievalQuery)} gives the files separately and the
   * weak-match flag.
   */
  @Override
  public List<Source> retrieve(RetrievalQuery query) {
    return search(query).passages().stream().map(Passage::named).toList();
  }

  /**
   * Retrieves passages, best first, and says whether any matches well.
   *
   * @return at most {@code query.topK()} passages (after collapsing identical texts), and the
   *     weak-match flag
   * @throws io.elavira.ElaviraException when embedding the question or searching fails
   */
  public Retrieval search(RetrievalQuery query) {
    Objects.requireNonNull(query, "query");
    Filter scope = scope(query.agentId(), query.userId());
    int wanted = Math.max(candidates, query.topK());
    List<SearchHit> dense = List.of();
    if (denseWeight > 0) {
      float[] vector = embeddings.embedQuery(query.text());
      dense = vectors.search(new SearchRequest(vector, wanted, scope, query.minScore()));
    }
    List<LexicalHit> words =
        lexicalWeight > 0 ? lexical.search(query.text(), wanted, scope) : List.of();

    Map<String, FusedCandidate> fused = new LinkedHashMap<>();
    for (int i = 0; i < dense.size(); i++) {
      FusedCandidate f = fused.computeIfAbsent(dense.get(i).id(), FusedCandidate::new);
      f.denseRank = i + 1;
      f.denseScore = dense.get(i).score();
    }
    for (int i = 0; i < words.size(); i++) {
      FusedCandidate f = fused.computeIfAbsent(words.get(i).id(), FusedCandidate::new);
      f.lexicalRank = i + 1;
      f.lexicalScore = words.get(i).score();
    }
    FusionScores denseSide =
        new FusionScores(
            fusion, denseWeight, rrfK, dense.stream().mapToDouble(SearchHit::score).toArray());
    FusionScores lexicalSide =
        new FusionScores(
            fusion, lexicalWeight, rrfK, words.stream().mapToDouble(LexicalHit::score).toArray());
    for (FusedCandidate f : fused.values()) {
      f.score =
          denseSide.score(f.denseRank, f.denseScore)
              + lexicalSide.score(f.lexicalRank, f.lexicalScore);
    }
    boolean weak =
        denseWeight > 0
            ? dense.isEmpty() || dense.get(0).score() < weakMatchBelow
            : words.isEmpty();
    if (fused.isEmpty()) {
      return new Retrieval(List.of(), weak);
    }
    List<FusedCandidate> ranked = new ArrayList<>(fused.values());
    ranked.sort(
        (a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.id.compareTo(b.id));
    return new Retrieval(RankedPassages.read(documents, ranked, query), weak);
  }

  /**
   * The filter both sides search within: the agent's shared records and the user's private ones,
   * {@code agent_id = agent AND (owner_id missing OR owner_id = user)}.
   *
   * @param agentId the agent whose records are searched
   * @param userId the user whose private records are searched too
   * @return the filter
   */
  public static Filter scope(String agentId, String userId) {
    return Filter.and(
        Filter.eq(VectorRecord.AGENT_ID, agentId),
        Filter.or(Filter.missing(VectorRecord.OWNER_ID), Filter.eq(VectorRecord.OWNER_ID, userId)));
  }

  @Override
  public String toString() {
    return "HybridRetriever[denseWeight="
        + denseWeight
        + ", lexicalWeight="
        + lexicalWeight
        + ", fusion="
        + fusion
        + ", rrfK="
        + rrfK
        + ", candidates="
        + candidates
        + ", weakMatchBelow="
        + weakMatchBelow
        + "]";
  }

  /**
   * Configures a {@link HybridRetriever}. Each option may be set once and is checked at once. Not
   * thread-safe; {@link #build()} returns an immutable retriever.
   */
  public static final class Builder {
    /** Weight of the dense side's reciprocal ranks. */
    public static final double DEFAULT_DENSE_WEIGHT = 1.0;

    /**
     * Weight of the lexical side's reciprocal ranks: twice the dense side's, the best fusion
     * measured on both evaluation sets (French service-public.fr and English Python docs, with
     * all-MiniLM-L6-v2; docs/vector-stores.md, "Retrieval quality").
     */
    public static final double DEFAULT_LEXICAL_WEIGHT = 2.0;

    /** How the two sides are combined: weighted reciprocal rank fusion. */
    public static final Fusion DEFAULT_FUSION = Fusion.RECIPROCAL_RANK;

    /** The RRF constant of Cormack et al. (2009): damps the lead of the very first ranks. */
    public static final int DEFAULT_RRF_K = 60;

    /** Candidates each side returns before fusion (at least {@code topK}). */
    public static final int DEFAULT_CANDIDATES = 50;

    /**
     * Best cosine below which a question is a weak match, for all-MiniLM-L6-v2: chosen on the
     * French service-public.fr evaluation set (docs/vector-stores.md) as the cut that best
     * separates its 105 questions with their answer in the index (median best cosine 0.685) from
     * the same questions with their answering documents removed (median 0.580): balanced accuracy
     * 0.76. The default for a model that declares no threshold of its own ({@link
     * EmbeddingModel#weakMatchBelow()}).
     */
    public static final double DEFAULT_WEAK_MATCH_BELOW = 0.62;

    private final EmbeddingModel embeddings;
    private final VectorStore vectors;
    private final LexicalIndex lexical;
    private final DocumentStore documents;
    private double denseWeight = Double.NaN;
    private double lexicalWeight = Double.NaN;
    private int rrfK = -1;
    private @Nullable Fusion fusion;
    private int candidates = -1;
    private double weakMatchBelow = Double.NaN;

    private Builder(
        EmbeddingModel embeddings,
        VectorStore vectors,
        LexicalIndex lexical,
        DocumentStore documents) {
      this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
      this.vectors = Objects.requireNonNull(vectors, "vectors");
      this.lexical = Objects.requireNonNull(lexical, "lexical");
      this.documents = Objects.requireNonNull(documents, "documents");
    }

    /**
     * Weight of the dense side, 0 or more (default {@value #DEFAULT_DENSE_WEIGHT}); 0 turns dense
     * retrieval off (lexical only).
     */
    public Builder denseWeight(double weight) {
      once(Double.isNaN(denseWeight), "denseWeight", denseWeight);
      this.denseWeight = weight("denseWeight", weight);
      return this;
    }

    /**
     * Weight of the lexical side, 0 or more (default {@value #DEFAULT_LEXICAL_WEIGHT}); 0 turns
     * lexical retrieval off (dense only).
     */
    public Builder lexicalWeight(double weight) {
      once(Double.isNaN(lexicalWeight), "lexicalWeight", lexicalWeight);
      this.lexicalWeight = weight("lexicalWeight", weight);
      return this;
    }

    /** The RRF constant, 1 or more (default {@value #DEFAULT_RRF_K}). */
    public Builder rrfK(int k) {
      once(rrfK < 0, "rrfK", rrfK);
      if (k < 1) {
        throw new IllegalArgumentException("rrfK must be >= 1, got " + k);
      }
      this.rrfK = k;
      return this;
    }

    /**
     * How the two sides are combined (default {@link #DEFAULT_FUSION}); {@link #rrfK(int)} applies
     * to {@link Fusion#RECIPROCAL_RANK} only.
     */
    public Builder fusion(Fusion fusion) {
      once(this.fusion == null, "fusion", String.valueOf(this.fusion));
      this.fusion = Objects.requireNonNull(fusion, "fusion");
      return this;
    }

    /** Candidates per side before fusion, 1 to 1000 (default {@value #DEFAULT_CANDIDATES}). */
    public Builder candidates(int n) {
      once(candidates < 0, "candidates", candidates);
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("candidates must be between 1 and 1000, got " + n);
      }
      this.candidates = n;
      return this;
    }

    /**
     * The best cosine below which a question is flagged a weak match, in [-1, 1]. Default: the
     * model's own ({@link EmbeddingModel#weakMatchBelow()}), else {@value
     * #DEFAULT_WEAK_MATCH_BELOW} (measured for all-MiniLM-L6-v2).
     */
    public Builder weakMatchBelow(double cosine) {
      once(Double.isNaN(weakMatchBelow), "weakMatchBelow", weakMatchBelow);
      if (!(cosine >= -1 && cosine <= 1)) {
        throw new IllegalArgumentException("weakMatchBelow must be in [-1, 1], got " + cosine);
      }
      this.weakMatchBelow = cosine;
      return this;
    }

    /**
     * Builds the retriever.
     *
     * @throws IllegalStateException when both weights are 0, or no threshold was set and the model
     *     declares one outside [-1, 1]
     */
    public HybridRetriever build() {
      denseWeight = Double.isNaN(denseWeight) ? DEFAULT_DENSE_WEIGHT : denseWeight;
      lexicalWeight = Double.isNaN(lexicalWeight) ? DEFAULT_LEXICAL_WEIGHT : lexicalWeight;
      if (denseWeight == 0 && lexicalWeight == 0) {
        throw new IllegalStateException(
            "denseWeight and lexicalWeight are both 0: nothing to search");
      }
      rrfK = rrfK < 0 ? DEFAULT_RRF_K : rrfK;
      candidates = candidates < 0 ? DEFAULT_CANDIDATES : candidates;
      if (Double.isNaN(weakMatchBelow)) {
        weakMatchBelow = embeddings.weakMatchBelow().orElse(DEFAULT_WEAK_MATCH_BELOW);
        if (!(weakMatchBelow >= -1 && weakMatchBelow <= 1)) {
          throw new IllegalStateException(
              "embedding model "
                  + embeddings.modelId()
                  + " declares weakMatchBelow() = "
                  + weakMatchBelow
                  + ", outside [-1, 1]: set weakMatchBelow(double)");
        }
      }
      return new HybridRetriever(this);
    }

    private static double weight(String option, double weight) {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + weight);
      }
      return weight;
    }

    private static void once(boolean unset, String option, Object current) {
      if (!unset) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
    }
  }
}
