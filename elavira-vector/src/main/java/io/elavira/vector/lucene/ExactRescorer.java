package io.elavira.vector.lucene;

import io.elavira.vector.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.VectorUtil;

/**
 * The second step of {@link LuceneVectorStore}'s search: exact cosines from the full-precision
 * vectors for the candidates the (int8) graph walk found. Not API.
 */
final class ExactRescorer {
  private ExactRescorer() {}

  /**
   * Exact cosines from the full-precision vectors (the graph walk used int8 approximations); the
   * stored id and metadata are read for the best {@code topK} only.
   */
  static List<SearchHit> rescore(
      IndexSearcher searcher, ScoreDoc[] docs, float[] query, int topK, double minScore)
      throws IOException {
    ScoreDoc[] byDoc = docs.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc)); // vector values only move forward
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<ScoreDoc> exact = new ArrayList<>(byDoc.length);
    int currentLeaf = -1;
    FloatVectorValues values = null;
    for (ScoreDoc d : byDoc) {
      int leaf = ReaderUtil.subIndex(d.doc, leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != currentLeaf) {
        values = context.reader().getFloatVectorValues(VectorDocuments.VECTOR);
        currentLeaf = leaf;
      }
      if (values == null || values.advance(d.doc - context.docBase) != d.doc - context.docBase) {
        continue; // cannot happen for a hit of the vector query; skip rather than guess a score
      }
      float score = VectorUtil.dotProduct(query, values.vectorValue());
      if (score >= minScore) {
        exact.add(new ScoreDoc(d.doc, score));
      }
    }
    exact.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : a.doc - b.doc);
    var stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>(Math.min(topK, exact.size()));
    for (ScoreDoc d : exact.subList(0, Math.min(topK, exact.size()))) {
      Document doc = stored.document(d.doc);
      hits.add(new SearchHit(doc.get(LuceneIndex.ID), d.score, LuceneIndex.metadata(doc)));
    }
    // Equal scores: by id, as the exact store orders them.
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id));
    return hits;
  }
}
