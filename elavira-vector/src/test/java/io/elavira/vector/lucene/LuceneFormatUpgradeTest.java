package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.lucene.internal.Int7HnswVectorsFormat;
import io.elavira.vector.stores.OpenState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes written before the store had its own vector format (Lucene's int8 HNSW format) open as
 * they are, answer searches, and take new records: Lucene reads each segment with the format that
 * wrote it, and merges old and new segments into the new format.
 */
class LuceneFormatUpgradeTest {
  static final int DIMENSION = 32;

  @TempDir Path dir;

  @Test
  void anIndexWrittenWithLucenesOwnInt8FormatOpensSearchesAndMergesWithNewRecords()
      throws Exception {
    Random random = new Random(3);
    List<VectorRecord> old = records("old-", 500, random);
    writeWithLucenesFormat(old);

    try (LuceneVectorStore store = LuceneVectorStore.builder(dir, DIMENSION).build()) {
      assertThat(store.openState()).isEqualTo(OpenState.OPENED);
      assertThat(store.count(Filter.all())).isEqualTo(500);
      assertThat(top(store, old.get(17).vector())).isEqualTo("old-17");

      List<VectorRecord> added = records("new-", 500, random);
      for (int from = 0; from < 500; from += 25) { // 20 commits: the merge policy merges some
        store.upsert(added.subList(from, from + 25));
      }
      assertThat(store.count(Filter.all())).isEqualTo(1000);
      assertThat(store.segmentFormats()).as("old and new segments were merged").hasSizeLessThan(21);
      assertThat(top(store, old.get(3).vector())).isEqualTo("old-3");
      assertThat(top(store, added.get(42).vector())).isEqualTo("new-42");
    }
    try (LuceneVectorStore reopened = LuceneVectorStore.builder(dir, DIMENSION).build()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
      assertThat(reopened.count(Filter.all())).isEqualTo(1000);
      assertThat(top(reopened, old.get(250).vector())).isEqualTo("old-250");
    }
  }

  @Test
  void aNewIndexIsWrittenInTheStoresOwnInt8Format() throws Exception {
    try (LuceneVectorStore store = LuceneVectorStore.builder(dir, DIMENSION).build()) {
      store.addAll(records("r-", 300, new Random(5)));
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      assertThat(reader.leaves()).isNotEmpty();
      for (LeafReaderContext leaf : reader.leaves()) {
        FieldInfo vector = leaf.reader().getFieldInfos().fieldInfo(VectorDocuments.VECTOR);
        assertThat(vector.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY))
            .isEqualTo(Int7HnswVectorsFormat.NAME);
      }
    }
  }

  private void writeWithLucenesFormat(List<VectorRecord> records) throws Exception {
    KnnVectorsFormat format =
        new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, 7, false, null, null);
    IndexWriterConfig config =
        new IndexWriterConfig(new StandardAnalyzer())
            .setCodec(
                new Lucene912Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                  }
                });
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config)) {
      for (Document doc : new VectorDocuments(DIMENSION, dir).documents(records)) {
        writer.addDocument(doc);
      }
      writer.commit();
    }
  }

  private static String top(LuceneVectorStore store, float[] query) {
    List<SearchHit> hits = store.search(SearchRequest.of(query, 1, Filter.all()));
    assertThat(hits).hasSize(1);
    return hits.get(0).id();
  }

  private static List<VectorRecord> records(String prefix, int n, Random random) {
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) random.nextGaussian();
      }
      records.add(new VectorRecord(prefix + i, v, Map.of("k", prefix)));
    }
    return records;
  }
}
