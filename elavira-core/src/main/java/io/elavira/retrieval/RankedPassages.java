package io.elavira.retrieval;

import io.elavira.Source;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The passages of a fused ranking, read back from the system of record: the step of {@link
 * HybridRetriever} after the two indexes answered. Stateless.
 */
final class RankedPassages {
  private RankedPassages() {}

  /**
   * Reads the chunks and documents of {@code ranked} back, drops those outside the query's scope or
   * deleted since the indexes answered, and collapses identical texts into the best-ranked one,
   * which names every file.
   *
   * @return at most {@code query.topK()} passages, in the order of {@code ranked}
   */
  static List<Passage> read(
      DocumentStore documents, List<FusedCandidate> ranked, RetrievalQuery query) {
    Map<String, ChunkRecord> chunks =
        documents.chunks(ranked.stream().map(f -> f.id).toList()).stream()
            .collect(Collectors.toMap(ChunkRecord::id, Function.identity(), (a, b) -> a));
    Map<String, DocumentRecord> docs =
        documents.byIds(
            chunks.values().stream().map(ChunkRecord::documentId).collect(Collectors.toSet()));
    Map<String, List<String>> paths = documents.locations(docs.keySet());
    Map<String, Integer> byHash = new HashMap<>();
    List<Source> firsts = new ArrayList<>();
    List<List<Source>> others = new ArrayList<>();
    List<FusedCandidate> kept = new ArrayList<>();
    Set<String> seenDocsPerHash = new HashSet<>();
    for (FusedCandidate f : ranked) {
      @Nullable ChunkRecord chunk = chunks.get(f.id);
      if (chunk == null) {
        continue; // an index lagging behind a delete
      }
      @Nullable DocumentRecord doc = docs.get(chunk.documentId());
      if (doc == null || !visible(doc, query)) {
        continue; // an index lagging behind a delete, or a row outside the scope
      }
      Source source =
          new Source(
              doc.id(),
              doc.name(),
              paths.getOrDefault(doc.id(), List.of(doc.location())),
              chunk.page(),
              chunk.section(),
              chunk.ordinal(),
              f.score,
              chunk.text());
      Integer at = byHash.get(chunk.contentHash());
      if (at != null) {
        if (seenDocsPerHash.add(chunk.contentHash() + "\n" + doc.id())) {
          others.get(at).add(source);
        }
        continue;
      }
      if (firsts.size() == query.topK()) {
        continue; // still scanned: a lower duplicate of a kept passage names its file
      }
      byHash.put(chunk.contentHash(), firsts.size());
      seenDocsPerHash.add(chunk.contentHash() + "\n" + doc.id());
      firsts.add(source);
      others.add(new ArrayList<>());
      kept.add(f);
    }
    List<Passage> passages = new ArrayList<>(firsts.size());
    for (int i = 0; i < firsts.size(); i++) {
      FusedCandidate f = kept.get(i);
      passages.add(
          new Passage(firsts.get(i), others.get(i), f.denseScore, f.denseRank, f.lexicalRank));
    }
    return passages;
  }

  private static boolean visible(DocumentRecord doc, RetrievalQuery query) {
    return doc.agentId().equals(query.agentId())
        && (doc.ownerId() == null || doc.ownerId().equals(query.userId()));
  }
}
