package io.elavira.internal;

import io.elavira.ElaviraException;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embeddings of chunk texts by content hash: read from the system of record's cache, the
 * missing ones computed by the model in one call and cached. Shared by the index writer, the
 * recovery on open and the index sync. Thread-safe; it holds no state of its own.
 */
final class ChunkEmbedder {
  /**
   * Texts per model call. Each call's vectors are cached before the next call, so an interrupted
   * ingestion loses at most one batch; large enough that the model still sees full batches.
   */
  static final int CACHE_BATCH = 256;

  private final EmbeddingModel model;
  private final DocumentStore documents;

  ChunkEmbedder(EmbeddingModel model, DocumentStore documents) {
    this.model = Objects.requireNonNull(model, "model");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /** The model's id, which keys the cache. */
  String modelId() {
    return model.modelId();
  }

  /** The embeddings of every row, from the cache or the model; the new ones are cached. */
  EmbeddedChunks embed(String what, List<ChunkRecord> rows) {
    return embed(what, rows, Map.of());
  }

  /** Like {@link #embed(String, List)}, taking the rows whose embedding is in {@code known}. */
  EmbeddedChunks embed(String what, List<ChunkRecord> rows, Map<String, float[]> known) {
    Map<String, String> textByHash = new LinkedHashMap<>();
    for (ChunkRecord r : rows) {
      if (!known.containsKey(r.contentHash())) {
        textByHash.putIfAbsent(r.contentHash(), r.text());
      }
    }
    if (textByHash.isEmpty()) {
      return new EmbeddedChunks(known, 0);
    }
    EmbeddedChunks found = embedTexts(what, textByHash);
    if (known.isEmpty()) {
      return found;
    }
    Map<String, float[]> all = new HashMap<>(known);
    all.putAll(found.byHash());
    return new EmbeddedChunks(all, found.newlyEmbedded());
  }

  /** The cached embeddings of these content hashes (none embedded), by hash; others absent. */
  Map<String, float[]> cached(Collection<String> contentHashes) {
    return contentHashes.isEmpty()
        ? Map.of()
        : documents.embeddings(model.modelId(), contentHashes);
  }

  /**
   * The embeddings of these texts by content hash, from the cache or the model, which embeds the
   * missing ones in batches of {@link #CACHE_BATCH}, each cached as soon as it is computed.
   *
   * @param what what is embedded, for the error message ("document guide.md")
   * @throws ElaviraException naming {@code what} and the model when the model fails or returns a
   *     wrong number of vectors; the batches embedded before the failure stay cached
   */
  EmbeddedChunks embedTexts(String what, Map<String, String> textByHash) {
    Map<String, float[]> byHash =
        new HashMap<>(
            textByHash.isEmpty()
                ? Map.of()
                : documents.embeddings(model.modelId(), textByHash.keySet()));
    List<String> missing =
        textByHash.keySet().stream().filter(h -> !byHash.containsKey(h)).toList();
    if (missing.isEmpty()) {
      return new EmbeddedChunks(byHash, 0);
    }
    Map<String, float[]> fresh = new HashMap<>();
    for (int from = 0; from < missing.size(); from += CACHE_BATCH) {
      List<String> batch = missing.subList(from, Math.min(missing.size(), from + CACHE_BATCH));
      Map<String, float[]> embedded = embedBatch(what, batch, textByHash, fresh.size());
      // Cached at once, not at the end of the document: an interrupted run (Ctrl-C, a kill, a
      // failing model) keeps every batch already embedded, and the next run embeds only the rest.
      documents.putEmbeddings(model.modelId(), embedded);
      fresh.putAll(embedded);
    }
    byHash.putAll(fresh);
    return new EmbeddedChunks(byHash, fresh.size());
  }

  private Map<String, float[]> embedBatch(
      String what, List<String> hashes, Map<String, String> textByHash, int cachedBefore) {
    List<float[]> computed;
    try {
      computed = model.embedAll(hashes.stream().map(textByHash::get).toList());
    } catch (RuntimeException e) {
      throw new ElaviraException(
          "Could not embed "
              + what
              + " with model "
              + model.modelId()
              + ": "
              + reason(e)
              + "; the previous version stays searchable. "
              + (cachedBefore > 0
                  ? cachedBefore
                      + " chunks embedded before the failure are cached: indexing it again"
                      + " embeds only the rest. "
                  : "")
              + "Check the embedding model and index the document again.",
          e);
    }
    if (computed.size() != hashes.size()) {
      throw new ElaviraException(
          "Embedding model "
              + model.modelId()
              + " returned "
              + computed.size()
              + " vectors for "
              + hashes.size()
              + " chunks of "
              + what
              + "; the previous version stays searchable.");
    }
    Map<String, float[]> embedded = new HashMap<>(hashes.size() * 2);
    for (int i = 0; i < hashes.size(); i++) {
      embedded.put(hashes.get(i), computed.get(i));
    }
    return embedded;
  }

  /**
   * What went wrong, for a message: Elavira's own exceptions say it without private text; any other
   * (a third-party component's) is named by its class only, as its message may quote the input.
   */
  static String reason(RuntimeException e) {
    String message = e instanceof ElaviraException ? e.getMessage() : null;
    return message != null ? message : e.getClass().getName();
  }

  /** Embeddings by content hash, and how many of them the model computed just now. */
  record EmbeddedChunks(Map<String, float[]> byHash, int newlyEmbedded) {}
}
