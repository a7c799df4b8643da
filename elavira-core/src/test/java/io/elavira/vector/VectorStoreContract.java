package io.elavira.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VectorStore} must have. An implementation's test extends this class
 * and implements {@link #createStore(int)}; server-backed stores run it as an integration test.
 *
 * <p>Vectors are small ({@link #DIMENSION} floats) and built so that the expected order is known.
 * Approximate stores must still return exact results at these sizes.
 */
public abstract class VectorStoreContract {
  /** The dimension of every vector the contract writes. */
  protected static final int DIMENSION = 8;

  private static final String AGENT = VectorRecord.AGENT_ID;
  private static final String OWNER = VectorRecord.OWNER_ID;

  /** The store under test, fresh for each test. */
  protected VectorStore store;

  /**
   * Creates a new, empty store for vectors of {@code dimension} floats. Stores that learn the
   * dimension from their first upsert may ignore it. Called once per test.
   */
  protected abstract VectorStore createStore(int dimension);

  @BeforeEach
  void openStore() {
    store = createStore(DIMENSION);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void emptyStoreFindsNothing() {
    assertThat(store.search(SearchRequest.of(axis(0), 5, Filter.all()))).isEmpty();
    assertThat(store.count(Filter.all())).isZero();
  }

  @Test
  void searchReturnsNearestFirstWithCosineScores() {
    store.upsert(
        List.of(
            record("far", axis(1), Map.of()),
            record("near", mix(0, 1, 0.9), Map.of()),
            record("same", axis(0), Map.of()),
            record("opposite", scale(axis(0), -1), Map.of())));

    List<SearchHit> hits = store.search(SearchRequest.of(axis(0), 4, Filter.all()));

    assertThat(hits).extracting(SearchHit::id).containsExactly("same", "near", "far", "opposite");
    assertThat(hits.get(0).score()).isCloseTo(1.0, within());
    assertThat(hits.get(1).score()).isCloseTo(0.9, within());
    assertThat(hits.get(2).score()).isCloseTo(0.0, within());
    assertThat(hits.get(3).score()).isCloseTo(-1.0, within());
  }

  @Test
  void scoresAreCosineEvenForVectorsThatAreNotNormalised() {
    store.upsert(List.of(record("long", scale(axis(2), 7), Map.of())));

    List<SearchHit> hits = store.search(SearchRequest.of(scale(axis(2), 0.5f), 1, Filter.all()));

    assertThat(hits).singleElement().satisfies(h -> assertThat(h.score()).isCloseTo(1.0, within()));
  }

  @Test
  void respectsTopK() {
    store.upsert(randomRecords(50, new Random(1), i -> Map.of()));

    assertThat(store.search(SearchRequest.of(axis(0), 7, Filter.all()))).hasSize(7);
    assertThat(store.search(SearchRequest.of(axis(0), 1, Filter.all()))).hasSize(1);
    assertThat(store.search(SearchRequest.of(axis(0), 500, Filter.all()))).hasSize(50);
  }

  @Test
  void resultsAreSortedByDecreasingScore() {
    store.upsert(randomRecords(200, new Random(2), i -> Map.of()));

    List<SearchHit> hits = store.search(SearchRequest.of(axis(3), 20, Filter.all()));

    assertThat(hits).hasSize(20);
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
  }

  @Test
  void upsertReplacesTheRecordWithTheSameId() {
    store.upsert(List.of(record("a", axis(0), Map.of("v", "1"))));
    store.upsert(List.of(record("a", axis(1), Map.of("v", "2"))));

    assertThat(store.count(Filter.all())).isEqualTo(1);
    List<SearchHit> hits = store.search(SearchRequest.of(axis(1), 5, Filter.all()));
    assertThat(hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.id()).isEqualTo("a");
              assertThat(h.score()).isCloseTo(1.0, within());
              assertThat(h.metadata()).containsEntry("v", "2");
            });
  }

  @Test
  void returnsTheRecordMetadata() {
    store.upsert(List.of(record("a", axis(0), Map.of(AGENT, "a1", "document_id", "d1"))));

    assertThat(store.search(SearchRequest.of(axis(0), 1, Filter.all())).get(0).metadata())
        .isEqualTo(Map.of(AGENT, "a1", "document_id", "d1"));
  }

  @Test
  void deletesByIdAndIgnoresUnknownIds() {
    store.upsert(
        List.of(
            record("a", axis(0), Map.of()),
            record("b", axis(1), Map.of()),
            record("c", axis(2), Map.of())));

    store.delete(List.of("a", "c", "unknown"));

    assertThat(store.count(Filter.all())).isEqualTo(1);
    assertThat(store.search(SearchRequest.of(axis(0), 5, Filter.all())))
        .extracting(SearchHit::id)
        .containsExactly("b");
  }

  @Test
  void aDeletedRecordIsNeverFoundAmongTheRecordsWrittenWithIt() {
    List<VectorRecord> records = randomRecords(200, new Random(11), i -> Map.of());
    store.upsert(records); // one write: the deleted records share their storage with the others
    // Few enough (10 %) that a store compacting after many deletions (Lucene merges a segment away
    // past 20 %) still has to skip them in its search.
    List<VectorRecord> deleted = records.subList(0, 20);
    store.delete(deleted.stream().map(VectorRecord::id).toList());

    assertThat(store.count(Filter.all())).isEqualTo(180);
    for (VectorRecord gone : deleted) {
      assertThat(store.search(SearchRequest.of(gone.vector(), 5, Filter.all())))
          .hasSize(5)
          .extracting(SearchHit::id)
          .doesNotContain(gone.id());
    }
  }

  @Test
  void deletesByFilterAndReturnsTheCount() {
    store.upsert(randomRecords(30, new Random(3), i -> Map.of("doc", "d" + (i % 3))));

    int deleted = store.delete(Filter.eq("doc", "d1"));

    assertThat(deleted).isEqualTo(10);
    assertThat(store.count(Filter.all())).isEqualTo(20);
    assertThat(store.count(Filter.eq("doc", "d1"))).isZero();
    assertThat(store.search(SearchRequest.of(axis(0), 30, Filter.all())))
        .hasSize(20)
        .allSatisfy(h -> assertThat(h.metadata().get("doc")).isNotEqualTo("d1"));
  }

  @Test
  void countsWhatTheFilterMatches() {
    store.upsert(randomRecords(12, new Random(4), i -> i % 4 == 0 ? Map.of("k", "x") : Map.of()));

    assertThat(store.count(Filter.all())).isEqualTo(12);
    assertThat(store.count(Filter.eq("k", "x"))).isEqualTo(3);
    assertThat(store.count(Filter.missing("k"))).isEqualTo(9);
  }

  @Test
  void appliesTheFilterInsideTheSearchSoRareMatchesAreFound() {
    Random random = new Random(5);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      boolean rare = i == 17 || i == 503 || i == 998;
      // The rare records point away from the query: a post-filter over the top hits would miss
      // them.
      float[] v = rare ? scale(axis(0), -1) : mix(0, 1 + random.nextInt(DIMENSION - 1), 0.99);
      records.add(record("r" + i, v, Map.of("kind", rare ? "rare" : "common")));
    }
    store.upsert(records);

    List<SearchHit> hits = store.search(SearchRequest.of(axis(0), 5, Filter.eq("kind", "rare")));

    assertThat(hits).extracting(SearchHit::id).containsExactlyInAnyOrder("r17", "r503", "r998");
  }

  @Test
  void supportsEqInMissingAndOrFilters() {
    store.upsert(
        List.of(
            record("shared", axis(0), Map.of(AGENT, "a1")),
            record("alice", mix(0, 1, 0.95), Map.of(AGENT, "a1", OWNER, "alice")),
            record("bob", mix(0, 2, 0.9), Map.of(AGENT, "a1", OWNER, "bob")),
            record("other", axis(0), Map.of(AGENT, "a2"))));

    assertThat(ids(Filter.eq(AGENT, "a2"))).containsExactly("other");
    assertThat(ids(Filter.in(OWNER, Set.of("alice", "bob")))).containsExactly("alice", "bob");
    assertThat(ids(Filter.missing(OWNER))).containsExactlyInAnyOrder("shared", "other");
    assertThat(ids(Filter.and(Filter.eq(AGENT, "a1"), Filter.missing(OWNER))))
        .containsExactly("shared");
    assertThat(ids(Filter.or(Filter.eq(OWNER, "bob"), Filter.eq(AGENT, "a2"))))
        .containsExactlyInAnyOrder("bob", "other");
  }

  @Test
  void isolatesAgentsAndPrivateRecords() {
    store.upsert(
        List.of(
            record("a-shared", axis(0), Map.of(AGENT, "A")),
            record("a-alice", axis(0), Map.of(AGENT, "A", OWNER, "alice")),
            record("a-bob", axis(0), Map.of(AGENT, "A", OWNER, "bob")),
            record("b-shared", axis(0), Map.of(AGENT, "B")),
            record("b-alice", axis(0), Map.of(AGENT, "B", OWNER, "alice"))));

    assertThat(ids(scope("A", "alice"))).containsExactlyInAnyOrder("a-shared", "a-alice");
    assertThat(ids(scope("A", "bob"))).containsExactlyInAnyOrder("a-shared", "a-bob");
    assertThat(ids(scope("A", "carol"))).containsExactly("a-shared");
    assertThat(ids(scope("B", "bob"))).containsExactly("b-shared");
  }

  @Test
  void dropsHitsBelowMinScore() {
    store.upsert(
        List.of(
            record("same", axis(0), Map.of()),
            record("close", mix(0, 1, 0.8), Map.of()),
            record("far", axis(1), Map.of())));

    List<SearchHit> hits = store.search(new SearchRequest(axis(0), 5, Filter.all(), 0.5));

    assertThat(hits).extracting(SearchHit::id).containsExactly("same", "close");
  }

  @Test
  void rejectsVectorsOfAnotherDimension() {
    store.upsert(List.of(record("a", axis(0), Map.of())));

    assertThatThrownBy(() -> store.upsert(List.of(record("b", new float[DIMENSION + 1], Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(DIMENSION))
        .hasMessageContaining(String.valueOf(DIMENSION + 1));
    assertThatThrownBy(
            () -> store.search(SearchRequest.of(new float[DIMENSION + 1], 1, Filter.all())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.count(Filter.all())).isEqualTo(1);
  }

  @Test
  void concurrentUpsertsAndSearchesDoNotCorruptTheStore() throws Exception {
    int writers = 4;
    int perWriter = 100;
    ExecutorService executor = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        tasks.add(
            () -> {
              Random random = new Random(writer);
              for (int i = 0; i < perWriter; i += 10) {
                List<VectorRecord> batch = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                  batch.add(
                      record(
                          "w" + writer + "-" + j, randomVector(random), Map.of("w", "" + writer)));
                }
                store.upsert(batch);
                store.search(
                    SearchRequest.of(randomVector(random), 3, Filter.eq("w", "" + writer)));
              }
              return perWriter;
            });
      }
      for (int r = 0; r < 2; r++) {
        int reader = r;
        tasks.add(
            () -> {
              Random random = new Random(100 + reader);
              int seen = 0;
              for (int i = 0; i < 50; i++) {
                List<SearchHit> hits =
                    store.search(SearchRequest.of(randomVector(random), 5, Filter.all()));
                for (int h = 1; h < hits.size(); h++) {
                  assertThat(hits.get(h).score()).isLessThanOrEqualTo(hits.get(h - 1).score());
                }
                seen += hits.size();
              }
              return seen;
            });
      }
      for (Future<Integer> f : executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
        f.get(); // rethrows any failure
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(store.count(Filter.all())).isEqualTo(writers * perWriter);
    for (int w = 0; w < writers; w++) {
      assertThat(store.count(Filter.eq("w", "" + w))).isEqualTo(perWriter);
    }
    // Every stored vector is still found as its own nearest neighbour.
    float[] probe = randomVector(new Random(0)); // writer 0's first vector
    assertThat(store.search(SearchRequest.of(probe, 1, Filter.all())).get(0).id())
        .isEqualTo("w0-0");
  }

  // ---- helpers ----

  private List<String> ids(Filter filter) {
    return store.search(SearchRequest.of(axis(0), 10, filter)).stream().map(SearchHit::id).toList();
  }

  private static Filter scope(String agent, String user) {
    return Filter.and(
        Filter.eq(AGENT, agent), Filter.or(Filter.missing(OWNER), Filter.eq(OWNER, user)));
  }

  /** A record (helper for subclasses' own tests). */
  protected static VectorRecord record(String id, float[] vector, Map<String, String> metadata) {
    return new VectorRecord(id, vector, metadata);
  }

  /** The unit vector along axis {@code i}. */
  protected static float[] axis(int i) {
    float[] v = new float[DIMENSION];
    v[i] = 1;
    return v;
  }

  /** A unit vector with cosine {@code cos} to axis {@code a}, tilted towards axis {@code b}. */
  protected static float[] mix(int a, int b, double cos) {
    float[] v = new float[DIMENSION];
    v[a] = (float) cos;
    v[b] = (float) Math.sqrt(1 - cos * cos);
    return v;
  }

  private static float[] scale(float[] v, float factor) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  /** A random unit vector. */
  protected static float[] randomVector(Random random) {
    float[] v = new float[DIMENSION];
    double norm = 0;
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < DIMENSION; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static List<VectorRecord> randomRecords(
      int n, Random random, java.util.function.IntFunction<Map<String, String>> metadata) {
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(record("id" + i, randomVector(random), metadata.apply(i)));
    }
    return records;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }
}
