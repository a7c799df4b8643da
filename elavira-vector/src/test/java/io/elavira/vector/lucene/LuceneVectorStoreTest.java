package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.VectorStoreContract;
import io.elavira.vector.lucene.internal.FlatScanVectorsFormat;
import io.elavira.vector.lucene.internal.Int7HnswVectorsFormat;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {
  @TempDir Path dir;

  @Override
  protected VectorStore createStore(int dimension) {
    return LuceneVectorStore.builder(dir.resolve("vectors"), dimension).build();
  }

  @Test
  void keepsItsRecordsAcrossReopenWithoutRebuilding() {
    store.upsert(List.of(record("a", axis(0), Map.of("k", "v")), record("b", axis(1), Map.of())));
    store.close();

    try (LuceneVectorStore reopened =
        LuceneVectorStore.builder(dir.resolve("vectors"), 8).build()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
      assertThat(reopened.count(Filter.all())).isEqualTo(2);
      assertThat(reopened.search(SearchRequest.of(axis(0), 1, Filter.eq("k", "v"))))
          .extracting(SearchHit::id)
          .containsExactly("a");
    }
  }

  @Test
  void reportsANewIndexAsCreatedSoTheCallerRebuildsIt() {
    assertThat(((LuceneVectorStore) store).openState()).isEqualTo(OpenState.CREATED);
    assertThat(((LuceneVectorStore) store).checkpoint()).isNull();
  }

  @Test
  void keepsTheCheckpointAcrossLaterWritesAndReopen() {
    LuceneVectorStore lucene = (LuceneVectorStore) store;
    lucene.upsert(List.of(record("a", axis(0), Map.of())));
    lucene.checkpoint("model=minilm;change=42");
    lucene.upsert(List.of(record("b", axis(1), Map.of())));
    assertThat(lucene.checkpoint()).isEqualTo("model=minilm;change=42");
    lucene.close();

    try (LuceneVectorStore reopened =
        LuceneVectorStore.builder(dir.resolve("vectors"), 8).build()) {
      assertThat(reopened.checkpoint()).isEqualTo("model=minilm;change=42");
      assertThat(reopened.count(Filter.all())).isEqualTo(2);
    }
  }

  @Test
  void recreatesAnIndexWhoseFilesAreCorruptAndSaysSo() throws IOException {
    store.upsert(randomRecords(200));
    store.close();
    try (Stream<Path> files = Files.list(dir.resolve("vectors"))) {
      for (Path f : files.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = bytes.length / 2; i < bytes.length; i++) {
          bytes[i] ^= 0x5A;
        }
        Files.write(f, bytes);
      }
    }

    try (LuceneVectorStore reopened =
        LuceneVectorStore.builder(dir.resolve("vectors"), 8).build()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.RECREATED);
      assertThat(reopened.count(Filter.all())).isZero();
      reopened.upsert(List.of(record("a", axis(0), Map.of())));
      assertThat(reopened.count(Filter.all())).isEqualTo(1);
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDirectory() {
    assertThatThrownBy(() -> LuceneVectorStore.builder(dir.resolve("vectors"), 8).build())
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void bulkAddOnSeveralThreadsFindsEveryRecordAsItsOwnNearestNeighbour() {
    // 32 dimensions: on the contract's 8, random points crowd so closely that the graph itself
    // misses about one self-search in 2,000, and this test was flaky at about one run in twenty.
    Random random = new Random(5000);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      float[] v = new float[32];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
      }
      records.add(new VectorRecord("id" + i, v, Map.of(VectorRecord.AGENT_ID, "agent-" + i % 100)));
    }
    try (LuceneVectorStore lucene =
        LuceneVectorStore.builder(dir.resolve("bulk"), 32).bulkThreads(2).build()) {
      lucene.addAll(records);

      assertThat(lucene.count(Filter.all())).isEqualTo(5000);
      int found = 0;
      for (int i = 0; i < records.size(); i += 50) {
        List<SearchHit> hits =
            lucene.search(SearchRequest.of(records.get(i).vector(), 1, Filter.all()));
        found += hits.get(0).id().equals(records.get(i).id()) ? 1 : 0;
      }
      assertThat(found).isEqualTo(100);
    }
  }

  @Test
  void aRebuildIntoAnEmptyIndexLeavesOneGraphForSearchesToWalk() {
    try (LuceneVectorStore lucene =
        LuceneVectorStore.builder(dir.resolve("rebuilt"), 8).bulkThreads(2).build()) {
      lucene.addAll(randomRecords(4000)); // two threads: two segments before the merge

      assertThat(lucene.segmentFormats()).containsExactly(Int7HnswVectorsFormat.NAME);
      assertThat(lucene.count(Filter.all())).isEqualTo(4000);
    }
  }

  @Test
  void aWriteThatFailsLeavesNothingForTheNextCommitToPublish() {
    Path path = dir.resolve("failing");
    try (LuceneIndex index =
        LuceneIndex.open("test", path, new StandardAnalyzer(), new Lucene912Codec())) {
      assertThatThrownBy(
              () ->
                  index.write(
                      w -> {
                        w.addDocument(idOnly("added by the failed write"));
                        throw new IllegalStateException("failed halfway");
                      }))
          .hasMessage("failed halfway");

      index.write(w -> w.addDocument(idOnly("next")));

      assertThat(index.count(new MatchAllDocsQuery())).isEqualTo(1);
    }
    try (LuceneIndex reopened =
        LuceneIndex.open("test", path, new StandardAnalyzer(), new Lucene912Codec())) {
      assertThat(reopened.count(new TermQuery(LuceneIndex.idTerm("next")))).isEqualTo(1);
      assertThat(reopened.count(new MatchAllDocsQuery())).isEqualTo(1);
    }
  }

  @Test
  void anInterruptedBulkAddThrowsKeepsTheInterruptAndChangesNothing() {
    try (LuceneVectorStore lucene =
        LuceneVectorStore.builder(dir.resolve("interrupted"), 8).bulkThreads(2).build()) {
      lucene.upsert(List.of(record("kept", axis(0), Map.of())));

      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> lucene.addAll(randomRecords(5000)))
            .isInstanceOf(VectorStoreException.class)
            .hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      lucene.upsert(List.of(record("after", axis(1), Map.of())));

      assertThat(lucene.count(Filter.all())).isEqualTo(2);
    }
  }

  private static Document idOnly(String id) {
    Document doc = new Document();
    doc.add(new StringField(LuceneIndex.ID, id, Field.Store.YES));
    return doc;
  }

  @Test
  void aLargeRebuildAddsFlatVectorsThenMergesThemIntoOneGraph() {
    int dimension = 1024; // 4 indexing buffers of vectors with fewer records than at 384
    int n =
        BulkAdd.FLAT_FROM_BUFFERS * BulkAdd.REBUILD_BUFFER_MB * 1024 * 1024 / 4 / dimension + 64;
    Random random = new Random(7);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[dimension];
      for (int d = 0; d < dimension; d++) {
        v[d] = (float) random.nextGaussian();
      }
      records.add(record("id" + i, v, Map.of(VectorRecord.AGENT_ID, "agent-" + (i % 3))));
    }
    try (LuceneVectorStore lucene =
        LuceneVectorStore.builder(dir.resolve("large"), dimension).bulkThreads(2).build()) {
      lucene.addAll(records);

      assertThat(lucene.segmentFormats()).containsExactly(Int7HnswVectorsFormat.NAME);
      for (int q = 0; q < 20; q++) {
        VectorRecord target = records.get(q * 97);
        assertThat(lucene.search(SearchRequest.of(target.vector(), 1, Filter.all())))
            .extracting(SearchHit::id)
            .containsExactly(target.id());
      }
    }
  }

  @Test
  void searchesFlatSegmentsExactlyWhenARebuildStoppedBeforeItsMerge() throws IOException {
    Path flat = dir.resolve("flat");
    VectorCodec codec = new VectorCodec(16, 100, true, 1);
    codec.flatWhileAdding(true);
    List<VectorRecord> records = randomRecords(500);
    try (Directory d = FSDirectory.open(flat);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(codec))) {
      for (Document doc : new VectorDocuments(8, flat).documents(records)) {
        w.addDocument(doc);
      }
      w.commit();
    }
    try (LuceneVectorStore reopened = LuceneVectorStore.builder(flat, 8).build()) {
      assertThat(reopened.segmentFormats()).containsExactly(FlatScanVectorsFormat.NAME);
      VectorRecord target = records.get(123);
      Filter agent = Filter.eq(VectorRecord.AGENT_ID, target.metadata().get(VectorRecord.AGENT_ID));

      // 5 records match the filter: more than 3, so Lucene asks the segment's reader to search
      List<SearchHit> hits = reopened.search(SearchRequest.of(target.vector(), 3, agent));
      List<SearchHit> all = reopened.search(SearchRequest.of(target.vector(), 5, Filter.all()));

      assertThat(all).hasSize(5).first().extracting(SearchHit::id).isEqualTo(target.id());
      assertThat(hits).hasSize(3).first().extracting(SearchHit::id).isEqualTo(target.id());
      assertThat(hits)
          .allSatisfy(
              h ->
                  assertThat(h.metadata())
                      .containsEntry(
                          VectorRecord.AGENT_ID, target.metadata().get(VectorRecord.AGENT_ID)));

      reopened.upsert(List.of(record("new", target.vector(), Map.of())));
      assertThat(reopened.search(SearchRequest.of(target.vector(), 2, Filter.all())))
          .extracting(SearchHit::id)
          .containsExactlyInAnyOrder(target.id(), "new");
    }
  }

  @Test
  void readsHitsOfAnIndexWrittenBeforeTheHitDocValueFromItsStoredFields() throws IOException {
    Path old = dir.resolve("old");
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new VectorCodec(16, 100, true, 1));
    try (Directory d = FSDirectory.open(old);
        IndexWriter w = new IndexWriter(d, config)) {
      Document doc = new Document(); // the fields of a record before the "hit" doc value
      doc.add(new StringField(LuceneIndex.ID, "a", Field.Store.YES));
      doc.add(
          new KnnFloatVectorField(
              VectorDocuments.VECTOR, axis(0), VectorSimilarityFunction.DOT_PRODUCT));
      LuceneIndex.addMetadata(doc, Map.of("k", "v"));
      w.addDocument(doc);
      w.commit();
    }
    try (LuceneVectorStore reopened = LuceneVectorStore.builder(old, 8).build()) {
      reopened.upsert(List.of(record("b", axis(1), Map.of("k", "w"))));

      assertThat(reopened.search(SearchRequest.of(axis(0), 2, Filter.all())))
          .extracting(SearchHit::id, SearchHit::metadata)
          .containsExactly(tuple("a", Map.of("k", "v")), tuple("b", Map.of("k", "w")));
    }
  }

  @Test
  void growsFarPastItsFirstSegmentAndStillFiltersInsideTheSearch() {
    List<VectorRecord> records = randomRecords(3000);
    for (int i = 0; i < records.size(); i += 500) {
      store.upsert(records.subList(i, i + 500));
    }
    // One agent among many: a post-filter over the global top 10 would find almost none of them.
    List<SearchHit> hits =
        store.search(SearchRequest.of(axis(0), 10, Filter.eq(VectorRecord.AGENT_ID, "agent-7")));

    assertThat(store.count(Filter.all())).isEqualTo(3000);
    assertThat(hits)
        .hasSize(10)
        .allSatisfy(h -> assertThat(h.metadata()).containsEntry(VectorRecord.AGENT_ID, "agent-7"));
  }

  @Test
  void bulkAddKeepsOneRecordPerIdAndReplacesExistingOnes() {
    LuceneVectorStore lucene = (LuceneVectorStore) store;
    lucene.upsert(List.of(record("a", axis(0), Map.of("v", "old"))));

    lucene.addAll(
        List.of(
            record("a", axis(1), Map.of("v", "new")),
            record("b", axis(2), Map.of()),
            record("b", axis(3), Map.of("v", "last"))));

    assertThat(lucene.count(Filter.all())).isEqualTo(2);
    assertThat(lucene.search(SearchRequest.of(axis(1), 1, Filter.all())).get(0).metadata())
        .containsEntry("v", "new");
    assertThat(lucene.search(SearchRequest.of(axis(3), 1, Filter.all())).get(0).metadata())
        .containsEntry("v", "last");
  }

  @Test
  void rejectsAZeroVector() {
    assertThatThrownBy(() -> store.upsert(List.of(record("z", new float[8], Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeros");
  }

  @Test
  void theBeamGrowsWithTheIndexUnlessSetAndNeverShrinksBelowTheSmallIndexDefault() {
    int previous = 0;
    for (int vectors : new int[] {0, 5_000, 10_000, 31_623, 100_000, 1_000_000, 10_000_000}) {
      int ef = LuceneVectorStore.Builder.efSearchFor(vectors);
      assertThat(ef).isGreaterThanOrEqualTo(LuceneVectorStore.Builder.DEFAULT_EF_SEARCH);
      assertThat(ef).as("at %d vectors", vectors).isGreaterThanOrEqualTo(previous);
      previous = ef;
    }
    int perTenfold = LuceneVectorStore.Builder.EF_SEARCH_PER_TENFOLD;
    assertThat(LuceneVectorStore.Builder.efSearchFor(1_000_000))
        .isEqualTo(LuceneVectorStore.Builder.efSearchFor(100_000) + perTenfold);
    assertThat(store.toString()).contains("efSearch=by size");
    try (LuceneVectorStore fixed =
        LuceneVectorStore.builder(dir.resolve("fixed"), 8).efSearch(64).build()) {
      assertThat(fixed.toString()).contains("efSearch=64");
    }
  }

  @Test
  void builderRejectsAnOptionSetTwiceAndValuesOutOfRange() {
    LuceneVectorStore.Builder b = LuceneVectorStore.builder(dir.resolve("other"), 8).m(16);
    assertThatThrownBy(() -> b.m(32)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.efSearch(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LuceneVectorStore.builder(dir, 2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }

  static List<VectorRecord> randomRecords(int n) {
    Random random = new Random(n);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          record(
              "id" + i, randomVector(random), Map.of(VectorRecord.AGENT_ID, "agent-" + (i % 100))));
    }
    return records;
  }
}
