package io.elavira.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.DocumentStore;
import io.elavira.store.internal.ContentHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding model as the question path uses it: a question asked again is not embedded again.
 * Looks in memory first (Caffeine, at most {@link #DEFAULT_MAX_ENTRIES} questions, maintenance on
 * the calling thread), then in the home's embedding cache by content hash (the table ingestion
 * fills: a question whose text was ingested or asked before, by any process on the home, reuses
 * that vector), and only then asks the model, caching its vector in both. A failure to write the
 * persisted copy is logged and the vector still returned.
 *
 * <p>Questions are embedded with {@link EmbeddingModel#embedQuery(String)} and cached under {@link
 * EmbeddingModel#queryModelId()}: {@link #embed(String)} and {@link #embedAll(List)} embed
 * questions too.
 *
 * <p>Vectors are copied in and out: callers may not change the cached ones. Thread-safe. Does not
 * own the model ({@link #close()} does nothing).
 */
final class QueryEmbedder implements EmbeddingModel {
  /** Questions whose vectors are kept in memory. */
  static final long DEFAULT_MAX_ENTRIES = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(QueryEmbedder.class);

  private final EmbeddingModel model;
  private final DocumentStore documents;
  private final Cache<String, float[]> memory;

  QueryEmbedder(EmbeddingModel model, DocumentStore documents, long maxEntries) {
    this.model = Objects.requireNonNull(model, "model");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.memory = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public String queryModelId() {
    return model.queryModelId();
  }

  @Override
  public OptionalDouble weakMatchBelow() {
    return model.weakMatchBelow();
  }

  /** Embeds a question, as {@link #embedQuery(String)} does. */
  @Override
  public float[] embed(String text) {
    return embedQuery(text);
  }

  @Override
  public float[] embedQuery(String text) {
    Objects.requireNonNull(text, "text");
    float[] cached = memory.getIfPresent(text);
    if (cached != null) {
      return cached.clone();
    }
    String modelId = model.queryModelId();
    String hash = ContentHash.of(text);
    float[] vector = documents.embeddings(modelId, List.of(hash)).get(hash);
    if (vector == null) {
      vector = model.embedQuery(text);
      try {
        documents.putEmbeddings(modelId, Map.of(hash, vector));
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not cache a question's embedding of model {} ({}); it is embedded again next"
                + " time",
            modelId,
            ChunkEmbedder.reason(e));
      }
    }
    memory.put(text, vector.clone());
    return vector;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      vectors.add(embed(text));
    }
    return vectors;
  }

  @Override
  public String toString() {
    return "QueryEmbedder[" + model.modelId() + ", cached=" + memory.estimatedSize() + "]";
  }
}
