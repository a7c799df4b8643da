package io.elavira.vector.hnswlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.VectorStoreContract;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswlibVectorStoreTest extends VectorStoreContract {
  @TempDir Path dir;

  @Override
  protected VectorStore createStore(int dimension) {
    // A small first capacity: the contract's 1000 records make the graph grow several times.
    return HnswlibVectorStore.builder(dir.resolve("vectors"), dimension)
        .initialCapacity(64)
        .build();
  }

  private HnswlibVectorStore hnsw() {
    return (HnswlibVectorStore) store;
  }

  private HnswlibVectorStore reopen() {
    return HnswlibVectorStore.builder(dir.resolve("vectors"), DIMENSION).build();
  }

  @Test
  void reportsANewStoreAsCreatedSoTheCallerRebuildsIt() {
    assertThat(hnsw().openState()).isEqualTo(OpenState.CREATED);
    assertThat(hnsw().checkpoint()).isNull();
  }

  @Test
  void loadsItsRecordsOnReopenFromTheSnapshotWrittenAtClose() {
    store.upsert(List.of(record("a", axis(0), Map.of("k", "v")), record("b", axis(1), Map.of())));
    store.close();

    try (HnswlibVectorStore reopened = reopen()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
      assertThat(reopened.count(Filter.all())).isEqualTo(2);
      assertThat(reopened.search(SearchRequest.of(axis(0), 1, Filter.eq("k", "v"))))
          .extracting(SearchHit::id)
          .containsExactly("a");
    }
  }

  @Test
  void keepsEveryAcknowledgedWriteWhenTheProcessDiesBeforeClose() throws IOException {
    store.upsert(List.of(record("a", axis(0), Map.of()), record("b", axis(1), Map.of())));
    store.delete(List.of("a"));
    hnsw().checkpoint("model=m;change=7");
    store.upsert(List.of(record("c", axis(2), Map.of("k", "v"))));
    // As after a kill: copy the files as they are now, without close().
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy);
    for (String name : List.of(SnapshotFile.NAME, ChangeLog.NAME)) {
      Files.copy(dir.resolve("vectors").resolve(name), copy.resolve(name));
    }

    try (HnswlibVectorStore reopened = HnswlibVectorStore.builder(copy, DIMENSION).build()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
      assertThat(reopened.checkpoint()).isEqualTo("model=m;change=7");
      assertThat(reopened.search(SearchRequest.of(axis(2), 5, Filter.all())))
          .extracting(SearchHit::id)
          .containsExactly("c", "b");
    }
  }

  @Test
  void ignoresAChangeCutShortByACrashAndKeepsTheOnesBefore() throws IOException {
    store.upsert(List.of(record("a", axis(0), Map.of())));
    store.upsert(List.of(record("b", axis(1), Map.of())));
    store.close();
    // close() wrote a snapshot; write two more changes and cut the last one in half.
    try (HnswlibVectorStore s = reopen()) {
      s.upsert(List.of(record("c", axis(2), Map.of())));
      s.upsert(List.of(record("d", axis(3), Map.of())));
      Path copy = dir.resolve("copy");
      Files.createDirectories(copy);
      for (String name : List.of(SnapshotFile.NAME, ChangeLog.NAME)) {
        Files.copy(dir.resolve("vectors").resolve(name), copy.resolve(name));
      }
      try (RandomAccessFile log =
          new RandomAccessFile(copy.resolve(ChangeLog.NAME).toFile(), "rw")) {
        log.setLength(log.length() - 10);
      }
      try (HnswlibVectorStore reopened = HnswlibVectorStore.builder(copy, DIMENSION).build()) {
        assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
        assertThat(reopened.search(SearchRequest.of(axis(0), 5, Filter.all())))
            .extracting(SearchHit::id)
            .containsExactlyInAnyOrder("a", "b", "c");
        reopened.upsert(List.of(record("e", axis(4), Map.of()))); // appends after the cut
      }
      try (HnswlibVectorStore again = HnswlibVectorStore.builder(copy, DIMENSION).build()) {
        assertThat(again.count(Filter.all())).isEqualTo(4);
      }
    }
  }

  @Test
  void keepsTheCheckpointAcrossLaterWritesSnapshotsAndReopen() {
    hnsw().upsert(List.of(record("a", axis(0), Map.of())));
    hnsw().checkpoint("model=minilm;change=42");
    hnsw().addAll(List.of(record("b", axis(1), Map.of()))); // writes a snapshot
    hnsw().upsert(List.of(record("c", axis(2), Map.of())));
    assertThat(hnsw().checkpoint()).isEqualTo("model=minilm;change=42");
    store.close();

    try (HnswlibVectorStore reopened = reopen()) {
      assertThat(reopened.checkpoint()).isEqualTo("model=minilm;change=42");
      assertThat(reopened.count(Filter.all())).isEqualTo(3);
    }
  }

  @Test
  void recreatesAStoreWhoseSnapshotIsCorruptAndSaysSo() throws IOException {
    store.upsert(randomRecords(200));
    store.close();
    Path snapshot = dir.resolve("vectors").resolve(SnapshotFile.NAME);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(snapshot, bytes);

    try (HnswlibVectorStore reopened = reopen()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.RECREATED);
      assertThat(reopened.count(Filter.all())).isZero();
      reopened.upsert(List.of(record("a", axis(0), Map.of())));
      assertThat(reopened.count(Filter.all())).isEqualTo(1);
    }
  }

  @Test
  void recreatesAStoreWhoseSnapshotIsMissingButWhoseLogIsThere() throws IOException {
    store.upsert(List.of(record("a", axis(0), Map.of())));
    store.close();
    Files.delete(dir.resolve("vectors").resolve(SnapshotFile.NAME));

    try (HnswlibVectorStore reopened = reopen()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.RECREATED);
      assertThat(reopened.count(Filter.all())).isZero();
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDirectoryAndAnotherDimension() {
    assertThatThrownBy(this::reopen)
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("already open");
    store.close();
    assertThatThrownBy(() -> HnswlibVectorStore.builder(dir.resolve("vectors"), 16).build())
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("dimension 8, not 16");
    try (HnswlibVectorStore reopened = reopen()) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED); // the lock was released
    }
  }

  @Test
  void bulkAddOnSeveralThreadsFindsEveryRecordAsItsOwnNearestNeighbour() {
    List<VectorRecord> records = randomRecords(5000);

    hnsw().addAll(records);

    assertThat(store.count(Filter.all())).isEqualTo(5000);
    int found = 0;
    for (int i = 0; i < records.size(); i += 50) {
      List<SearchHit> hits =
          store.search(SearchRequest.of(records.get(i).vector(), 1, Filter.all()));
      found += hits.get(0).id().equals(records.get(i).id()) ? 1 : 0;
    }
    assertThat(found).isEqualTo(100);
  }

  @Test
  void growsPastItsInitialCapacityAndFindsEveryAgentsTopKInsideTheSearch() {
    List<VectorRecord> records = randomRecords(3000); // capacity 64 at first
    for (int i = 0; i < records.size(); i += 500) {
      store.upsert(records.subList(i, i + 500));
    }
    // One agent among 100: a post-filter over the global top 100 would find about one of them.
    List<SearchHit> hits =
        store.search(SearchRequest.of(axis(0), 10, Filter.eq(VectorRecord.AGENT_ID, "agent-7")));

    assertThat(store.count(Filter.all())).isEqualTo(3000);
    assertThat(hits)
        .hasSize(10)
        .allSatisfy(h -> assertThat(h.metadata()).containsEntry(VectorRecord.AGENT_ID, "agent-7"));
    // The same ten as an exact ranking of that agent's records.
    List<String> exact =
        records.stream()
            .filter(r -> r.metadata().get(VectorRecord.AGENT_ID).equals("agent-7"))
            .sorted((a, b) -> Double.compare(a.vector()[0], b.vector()[0]) * -1)
            .limit(10)
            .map(VectorRecord::id)
            .toList();
    assertThat(hits).extracting(SearchHit::id).containsExactlyElementsOf(exact);
  }

  @Test
  void readersDuringABulkAddSeeNoneOrAllOfIt() throws Exception {
    List<VectorRecord> records = randomRecords(4000);
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      Future<?> counts =
          readers.submit(
              () -> {
                while (!done.get()) {
                  seen.add(store.count(Filter.all()));
                }
              });
      Future<?> searches =
          readers.submit(
              () -> {
                while (!done.get()) {
                  seen.add(store.search(SearchRequest.of(axis(0), 5, Filter.all())).size());
                }
              });
      hnsw().addAll(records);
      done.set(true);
      counts.get(30, TimeUnit.SECONDS);
      searches.get(30, TimeUnit.SECONDS);
    } finally {
      readers.shutdownNow();
    }

    assertThat(seen).isSubsetOf(0, 5, 4000);
    assertThat(store.count(Filter.all())).isEqualTo(4000);
  }

  @Test
  void aStoreEmptiedByADeleteStartsAFreshGraphAndRebuildsFromIt() {
    hnsw().addAll(randomRecords(2000));

    assertThat(store.delete(Filter.all())).isEqualTo(2000);
    hnsw().addAll(randomRecords(500));

    assertThat(store.count(Filter.all())).isEqualTo(500);
    assertThat(store.search(SearchRequest.of(axis(1), 5, Filter.all()))).hasSize(5);
  }

  @Test
  void bulkAddKeepsOneRecordPerIdAndReplacesExistingOnes() {
    store.upsert(List.of(record("a", axis(0), Map.of("v", "old"))));

    hnsw()
        .addAll(
            List.of(
                record("a", axis(1), Map.of("v", "new")),
                record("b", axis(2), Map.of()),
                record("b", axis(3), Map.of("v", "last"))));

    assertThat(store.count(Filter.all())).isEqualTo(2);
    assertThat(store.search(SearchRequest.of(axis(1), 1, Filter.all())).get(0).metadata())
        .containsEntry("v", "new");
    assertThat(store.search(SearchRequest.of(axis(3), 1, Filter.all())).get(0).metadata())
        .containsEntry("v", "last");
  }

  @Test
  void rejectsAZeroVectorAndUseAfterClose() {
    assertThatThrownBy(() -> store.upsert(List.of(record("z", new float[8], Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeros");
    store.close();
    assertThatThrownBy(() -> store.count(Filter.all()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void builderRejectsAnOptionSetTwiceAndValuesOutOfRange() {
    HnswlibVectorStore.Builder b = HnswlibVectorStore.builder(dir.resolve("other"), 8).m(16);
    assertThatThrownBy(() -> b.m(32)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.ef(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.initialCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HnswlibVectorStore.builder(dir, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension");
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
