package io.elavira.internal;

import io.elavira.document.Chunk;
import io.elavira.document.IndexRequest;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStore;
import io.elavira.store.internal.ContentHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Embeds the new chunks of a group of documents together, for {@link DocumentIndexWriter#indexAll}
 * and {@link DocumentIndexWriter#embedAhead}: the chunks of the documents that are not current,
 * through the cache, the missing ones by the model in full batches.
 *
 * <p><b>Hand-off.</b> What {@link #embedAhead} computed or found cached is also kept in memory for
 * the {@link #embedForIndexing} of the same documents that follows, so that the store's thread does
 * not ask the system of record again which documents are new nor read their vectors back. It is
 * only a shortcut: every vector kept is also in the system of record's cache (cached as soon as the
 * model returned it), and a vector not kept is read from there as before. Vectors are keyed by
 * content hash for the writer's one model, so a vector is right for whichever document holds the
 * text. Bounded: at most {@link #MAX_KEPT} vectors (some 6 MB at 384 dimensions); taking removes
 * them, so a run that indexes what it embedded ahead leaves nothing behind, and a cancelled one at
 * most one group.
 *
 * <p>Thread-safe: embedding ahead and indexing run on different threads.
 */
final class GroupEmbedder {
  /** The most vectors kept between an {@code embedAhead} and its {@code indexAll}. */
  static final int MAX_KEPT = 4096;

  private final String agentId;
  private final DocumentStore documents;
  private final ChunkEmbedder embedder;
  private final Map<String, float[]> kept = new HashMap<>(); // guarded by this

  GroupEmbedder(String agentId, DocumentStore documents, ChunkEmbedder embedder) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
  }

  /**
   * Embeds and caches the new chunks of these documents, and keeps their vectors for the {@link
   * #embedForIndexing} of the same documents.
   *
   * @throws io.elavira.ElaviraException when the model fails; the batches embedded before stay
   *     cached
   */
  void embedAhead(List<IndexRequest> requests) {
    keep(embedNew(requests, chunkHashes(requests), Map.of()));
  }

  /**
   * The vectors of the new chunks of these documents: those kept by {@link #embedAhead}, the others
   * from the cache or the model (cached at once).
   *
   * @throws io.elavira.ElaviraException when the model fails; the batches embedded before stay
   *     cached
   */
  Map<String, float[]> embedForIndexing(List<IndexRequest> requests) {
    List<List<String>> hashes = chunkHashes(requests);
    return embedNew(requests, hashes, take(hashes));
  }

  /** How many vectors are kept for a later {@link #embedForIndexing}. */
  synchronized int kept() {
    return kept.size();
  }

  /**
   * The vectors of the chunks of the requests whose document is not current: {@code handed} first,
   * then through the cache. A request whose every chunk is handed is not looked up: its vectors are
   * at hand whether it is current or not.
   */
  private Map<String, float[]> embedNew(
      List<IndexRequest> requests, List<List<String>> hashes, Map<String, float[]> handed) {
    Map<String, String> textByHash = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      IndexRequest r = requests.get(i);
      List<String> chunkHashes = hashes.get(i);
      if (handed.keySet().containsAll(chunkHashes)) {
        continue;
      }
      Optional<DocumentRecord> existing =
          documents.findByLocation(agentId, r.ownerId(), r.document().location());
      if (existing.isPresent()
          && DocumentIndexWriter.isCurrent(
              existing.get(), ContentHash.of(r.document().text()), r.ownerId())) {
        continue;
      }
      List<Chunk> chunks = r.chunks();
      for (int c = 0; c < chunks.size(); c++) {
        String hash = chunkHashes.get(c);
        if (!handed.containsKey(hash)) {
          textByHash.putIfAbsent(hash, chunks.get(c).text());
        }
      }
    }
    Map<String, float[]> found =
        embedder.embedTexts(requests.size() + " documents", textByHash).byHash();
    if (handed.isEmpty()) {
      return found;
    }
    Map<String, float[]> all = new HashMap<>(handed);
    all.putAll(found);
    return all;
  }

  private synchronized void keep(Map<String, float[]> vectors) {
    if (vectors.size() > MAX_KEPT) {
      return; // read back from the cache instead
    }
    if (kept.size() + vectors.size() > MAX_KEPT) {
      kept.clear(); // an older group's, whose indexAll did not come (a cancelled run)
    }
    kept.putAll(vectors);
  }

  /** Removes and returns the vectors kept for these chunks (those present). */
  private synchronized Map<String, float[]> take(List<List<String>> hashes) {
    if (kept.isEmpty()) {
      return Map.of();
    }
    Set<String> all = new HashSet<>();
    hashes.forEach(all::addAll);
    Map<String, float[]> found = new HashMap<>();
    for (String hash : all) {
      float[] vector = kept.remove(hash);
      if (vector != null) {
        found.put(hash, vector);
      }
    }
    return found;
  }

  /** The content hashes of each request's chunks, in order. */
  private static List<List<String>> chunkHashes(List<IndexRequest> requests) {
    List<List<String>> hashes = new ArrayList<>(requests.size());
    for (IndexRequest r : requests) {
      hashes.add(r.chunks().stream().map(c -> ContentHash.of(c.text())).toList());
    }
    return hashes;
  }
}
