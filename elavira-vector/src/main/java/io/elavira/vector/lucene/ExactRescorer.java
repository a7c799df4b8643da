package io.elavira.vector.lucene;

import io.elavira.vector.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.VectorUtil;
import org.jspecify.annotations.Nullable;

/**
 * The second step of {@link LuceneVectorStore}'s search: exact cosines from the full-precision
 * vectors for the candidates the (int8) graph walk found, then the id and metadata of the best
 * ones. Not API.
 */
final class ExactRescorer {
  private static final Comparator<ScoreDoc> BY_DOC = Comparator.comparingInt(d -> d.doc);

  /**
   * Candidates rescored per hit asked for, best int8 scores first (at least {@link #MIN_RESCORED}).
   * At 100k MiniLM vectors, rescoring the best 20 of 100 candidates for a top 10 gave the same
   * recall@10 as rescoring all 100 (docs/vector-stores.md); 4 per hit leaves a margin and reads 60
   * fewer full vectors.
   */
  static final int RESCORED_PER_HIT = 4;

  /** The fewest candidates rescored. */
  static final int MIN_RESCORED = 40;

  /**
   * Below this many dimensions every candidate is rescored: int8 rounding (values clipped at the
   * quantiles) reorders more of them, and an exact score is cheap. Each record of 5,000 random
   * 8-dimension vectors searched for itself (top 1): 12 misses in 4,000 with 40 rescored, 2 with
   * all; at 32 dimensions none either way.
   */
  static final int ALL_BELOW_DIMENSIONS = 64;

  private ExactRescorer() {}

  /**
   * Exact cosines from the full-precision vectors (the graph walk used int8 approximations); the id
   * and metadata are read for the best {@code topK} only, from the {@link VectorDocuments#HIT} doc
   * value (stored fields for segments written before it existed).
   */
  static List<SearchHit> rescore(
      IndexSearcher searcher, ScoreDoc[] docs, float[] query, int topK, double minScore)
      throws IOException {
    // The graph's best (by int8 score) come first: only the first ones are worth an exact score,
    // except on few dimensions, where int8 rounding reorders many and an exact score costs little.
    int rescored =
        query.length < ALL_BELOW_DIMENSIONS
            ? docs.length
            : Math.max(MIN_RESCORED, RESCORED_PER_HIT * topK);
    ScoreDoc[] byDoc = Arrays.copyOf(docs, Math.min(docs.length, rescored));
    Arrays.sort(byDoc, BY_DOC); // vector values only move forward
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    ScoreDoc[] exact = new ScoreDoc[byDoc.length];
    int n = 0;
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
        exact[n++] = new ScoreDoc(d.doc, score);
      }
    }
    Arrays.sort(
        exact,
        0,
        n,
        (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : a.doc - b.doc);
    ScoreDoc[] best = Arrays.copyOf(exact, Math.min(topK, n));
    List<SearchHit> hits = hits(searcher, leaves, best);
    // Equal scores: by id, as the exact store orders them.
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id));
    return hits;
  }

  /** The hits of {@code best} (reordered by doc id: doc values only move forward). */
  private static List<SearchHit> hits(
      IndexSearcher searcher, List<LeafReaderContext> leaves, ScoreDoc[] best) throws IOException {
    Arrays.sort(best, BY_DOC);
    List<SearchHit> hits = new ArrayList<>(best.length);
    StoredFields stored = null;
    int currentLeaf = -1;
    @Nullable BinaryDocValues values = null;
    for (ScoreDoc d : best) {
      int leaf = ReaderUtil.subIndex(d.doc, leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != currentLeaf) {
        values = context.reader().getBinaryDocValues(VectorDocuments.HIT);
        currentLeaf = leaf;
      }
      if (values != null && values.advanceExact(d.doc - context.docBase)) {
        hits.add(VectorDocuments.hit(values.binaryValue(), d.score));
      } else {
        if (stored == null) {
          stored = searcher.storedFields();
        }
        Document doc = stored.document(d.doc);
        hits.add(new SearchHit(doc.get(LuceneIndex.ID), d.score, LuceneIndex.metadata(doc)));
      }
    }
    return hits;
  }
}
