package io.elavira.bench;

import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalHit;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes each side's ranked chunks for every question (a "run" in TREC terms) to a TSV file, so
 * that fusion functions and per-question wins and losses can be studied without embedding the
 * corpus again: {@code query-id, side (dense|lexical), rank (1-based), chunk-id, score} (cosine for
 * dense, BM25 for lexical), one line per hit, searched within the same scope as {@link
 * HybridRetriever}.
 */
final class RetrievalRuns {
  private RetrievalRuns() {}

  static void write(
      Path file,
      EmbeddingModel model,
      VectorStore vectors,
      LexicalIndex lexical,
      Map<String, String> queries,
      Filter scope,
      int depth)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("query-id\tside\trank\tchunk-id\tscore\n");
      for (Map.Entry<String, String> q : queries.entrySet()) {
        float[] vector = model.embedQuery(q.getValue());
        List<SearchHit> dense = vectors.search(new SearchRequest(vector, depth, scope, -1));
        for (int i = 0; i < dense.size(); i++) {
          line(out, q.getKey(), "dense", i + 1, dense.get(i).id(), dense.get(i).score());
        }
        List<LexicalHit> words = lexical.search(q.getValue(), depth, scope);
        for (int i = 0; i < words.size(); i++) {
          line(out, q.getKey(), "lexical", i + 1, words.get(i).id(), words.get(i).score());
        }
      }
    }
  }

  private static void line(
      BufferedWriter out, String query, String side, int rank, String id, double score)
      throws IOException {
    out.write(String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%.6f%n", query, side, rank, id, score));
  }
}
