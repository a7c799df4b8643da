package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class GraphCandidatesTest {
  private static final int DIMENSION = 32;
  private static final int K = 20;

  private final Random random = new Random(42);
  private final VectorDocuments documents = new VectorDocuments(DIMENSION, Path.of("test"));

  @Test
  void findsWhatLucenesOwnFilteredQueryFindsWithEveryKindOfFilterAcrossDeletions()
      throws IOException {
    List<Filter> filters =
        List.of(
            Filter.eq(VectorRecord.AGENT_ID, "a"), // half the records: graph walk
            Filter.or(Filter.missing(VectorRecord.OWNER_ID), Filter.eq(VectorRecord.OWNER_ID, "u")),
            Filter.eq("rare", "yes"), // fewer than k: exact scan
            Filter.eq(VectorRecord.AGENT_ID, "nobody"));
    GraphCandidates candidates = new GraphCandidates();
    try (Directory d = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(d, config())) {
      w.addDocuments(documents.documents(records(1500)));
      w.commit();
      for (int round = 0; round < 2; round++) {
        try (DirectoryReader reader = DirectoryReader.open(d)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          for (int q = 0; q < 20; q++) {
            float[] query = documents.normalised(vector(), "query");
            for (Filter filter : filters) {
              Query lucene = LuceneIndex.query(filter);
              List<Tuple> expected =
                  tuples(
                      searcher.search(new KnnFloatVectorQuery("vector", query, K, lucene), K)
                          .scoreDocs);

              assertThat(tuples(candidates.search(searcher, query, K, lucene)))
                  .as("filter %s, round %d", filter, round)
                  .isEqualTo(expected);
            }
          }
          assertThat(candidates.segmentsCached()).isPositive();
        }
        // Deletions (one of them rare) make new segment versions: their sets must not hold them.
        w.deleteDocuments(LuceneIndex.idTerm("r0"), LuceneIndex.idTerm("r2"));
        w.deleteDocuments(LuceneIndex.idTerm("r1000"));
        w.commit();
      }
    }
    assertThat(candidates.segmentsCached()).as("sets dropped with their readers").isZero();
  }

  @Test
  void aFilterAcceptingEveryRecordFindsWhatNoFilterFinds() throws IOException {
    GraphCandidates candidates = new GraphCandidates();
    try (Directory d = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(d, config())) {
      w.addDocuments(documents.documents(records(800)));
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query everyone =
            LuceneIndex.query(
                Filter.or(
                    Filter.missing(VectorRecord.OWNER_ID), Filter.eq(VectorRecord.OWNER_ID, "u")));
        for (int q = 0; q < 10; q++) {
          float[] query = documents.normalised(vector(), "query");
          assertThat(tuples(candidates.search(searcher, query, K, everyone)))
              .isEqualTo(tuples(candidates.search(searcher, query, K, null)))
              .hasSize(K);
        }
      }
    }
  }

  private IndexWriterConfig config() {
    return new IndexWriterConfig().setCodec(new VectorCodec(16, 100, true, 1));
  }

  /** (doc, score) by score, then doc: the graph's order of equal (int8) scores is arbitrary. */
  private static List<Tuple> tuples(ScoreDoc[] docs) {
    ScoreDoc[] sorted = docs.clone();
    Arrays.sort(
        sorted, Comparator.comparingDouble((ScoreDoc d) -> -d.score).thenComparingInt(d -> d.doc));
    List<Tuple> out = new ArrayList<>();
    for (ScoreDoc d : sorted) {
      out.add(tuple(d.doc, d.score));
    }
    return out;
  }

  private List<VectorRecord> records(int n) {
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> metadata =
          i < 3
              ? Map.of(VectorRecord.AGENT_ID, i % 2 == 0 ? "a" : "b", "rare", "yes")
              : Map.of(VectorRecord.AGENT_ID, i % 2 == 0 ? "a" : "b");
      records.add(new VectorRecord("r" + i, vector(), metadata));
    }
    return records;
  }

  private float[] vector() {
    float[] v = new float[DIMENSION];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }
}
