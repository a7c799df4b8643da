package io.elavira.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The behaviour every {@link LexicalIndex} must have, whatever its language analysis. An
 * implementation's test extends this class and implements {@link #createIndex()}.
 */
public abstract class LexicalIndexContract {
  private static final String AGENT = VectorRecord.AGENT_ID;
  private static final String OWNER = VectorRecord.OWNER_ID;

  /** The index under test, fresh for each test. */
  protected LexicalIndex index;

  /** Creates a new, empty index. Called once per test. */
  protected abstract LexicalIndex createIndex();

  @BeforeEach
  void openIndex() {
    index = createIndex();
  }

  @AfterEach
  void closeIndex() {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void emptyIndexFindsNothing() {
    assertThat(index.search("refund", 5, Filter.all())).isEmpty();
    assertThat(index.count(Filter.all())).isZero();
  }

  @Test
  void ranksTheTextSharingMoreRareWordsWithTheQuestionFirst() {
    index.upsert(
        List.of(
            record("weather", "The weather is sunny and warm today.", Map.of()),
            record("refund", "Refund requests are processed within fourteen days.", Map.of()),
            record("both", "Refund requests for a broken kettle: processed within days.", Map.of()),
            record("kettle", "Descale the kettle every month.", Map.of())));

    List<LexicalHit> hits = index.search("broken kettle refund", 10, Filter.all());

    assertThat(hits).extracting(LexicalHit::id).startsWith("both").doesNotContain("weather");
    assertThat(hits).extracting(LexicalHit::id).contains("refund", "kettle");
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
  }

  @Test
  void upsertReplacesTheTextAndMetadataOfTheSameId() {
    index.upsert(List.of(record("a", "apples and pears", Map.of("v", "1"))));
    index.upsert(List.of(record("a", "bananas only", Map.of("v", "2"))));

    assertThat(index.count(Filter.all())).isEqualTo(1);
    assertThat(index.search("apples", 5, Filter.all())).isEmpty();
    assertThat(index.search("bananas", 5, Filter.all()))
        .singleElement()
        .satisfies(h -> assertThat(h.metadata()).containsEntry("v", "2"));
  }

  @Test
  void deletesByIdAndByFilter() {
    index.upsert(
        List.of(
            record("a", "invoice one", Map.of("doc", "d1")),
            record("b", "invoice two", Map.of("doc", "d1")),
            record("c", "invoice three", Map.of("doc", "d2")),
            record("d", "invoice four", Map.of("doc", "d3"))));

    index.delete(List.of("d", "unknown"));
    int deleted = index.delete(Filter.eq("doc", "d1"));

    assertThat(deleted).isEqualTo(2);
    assertThat(index.search("invoice", 10, Filter.all()))
        .extracting(LexicalHit::id)
        .containsExactly("c");
  }

  @Test
  void appliesTheFilterInsideTheSearchSoRareMatchesAreFound() {
    List<LexicalRecord> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      boolean rare = i == 17 || i == 503 || i == 998;
      // The rare records match the question worst: a post-filter over the top hits would miss
      // them.
      String text = rare ? "contract" : "contract contract contract renewal";
      records.add(record("r" + i, text, Map.of("kind", rare ? "rare" : "common")));
    }
    index.upsert(records);

    List<LexicalHit> hits = index.search("contract renewal", 5, Filter.eq("kind", "rare"));

    assertThat(hits).extracting(LexicalHit::id).containsExactlyInAnyOrder("r17", "r503", "r998");
  }

  @Test
  void isolatesAgentsAndPrivateRecords() {
    index.upsert(
        List.of(
            record("a-shared", "salary slip", Map.of(AGENT, "A")),
            record("a-alice", "salary slip", Map.of(AGENT, "A", OWNER, "alice")),
            record("a-bob", "salary slip", Map.of(AGENT, "A", OWNER, "bob")),
            record("b-shared", "salary slip", Map.of(AGENT, "B"))));

    assertThat(ids(scope("A", "alice"))).containsExactlyInAnyOrder("a-shared", "a-alice");
    assertThat(ids(scope("A", "carol"))).containsExactly("a-shared");
    assertThat(ids(scope("B", "alice"))).containsExactly("b-shared");
    assertThat(ids(Filter.in(OWNER, Set.of("alice", "bob")))).hasSize(2);
  }

  @Test
  void aQuestionWithoutWordsFindsNothingAndQuerySyntaxIsPlainText() {
    index.upsert(List.of(record("a", "title: the report (draft) *final*", Map.of())));

    assertThat(index.search("?! ... --", 5, Filter.all())).isEmpty();
    assertThat(index.search("title:report* AND \"draft", 5, Filter.all()))
        .extracting(LexicalHit::id)
        .containsExactly("a");
  }

  @Test
  void countsWhatTheFilterMatches() {
    index.upsert(
        List.of(
            record("a", "x", Map.of("k", "v")),
            record("b", "y", Map.of()),
            record("c", "z", Map.of())));

    assertThat(index.count(Filter.all())).isEqualTo(3);
    assertThat(index.count(Filter.eq("k", "v"))).isEqualTo(1);
    assertThat(index.count(Filter.missing("k"))).isEqualTo(2);
  }

  @Test
  void concurrentWritesAndSearchesSeeWholeBatches() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        tasks.add(
            () -> {
              for (int b = 0; b < 10; b++) {
                List<LexicalRecord> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  batch.add(
                      record("w" + writer + "-" + b + "-" + i, "ledger entry", Map.of("b", "x")));
                }
                index.upsert(batch);
              }
              return 0;
            });
      }
      for (int r = 0; r < 2; r++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 50; i++) {
                assertThat(index.count(Filter.eq("b", "x")) % 10).isZero();
                index.search("ledger", 5, Filter.all());
              }
              return 0;
            });
      }
      for (Future<Integer> f : executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      executor.shutdownNow();
    }
    assertThat(index.count(Filter.all())).isEqualTo(200);
  }

  // ---- helpers ----

  private List<String> ids(Filter filter) {
    return index.search("salary", 10, filter).stream().map(LexicalHit::id).toList();
  }

  private static Filter scope(String agent, String user) {
    return Filter.and(
        Filter.eq(AGENT, agent), Filter.or(Filter.missing(OWNER), Filter.eq(OWNER, user)));
  }

  /** A record (helper for subclasses' own tests). */
  protected static LexicalRecord record(String id, String text, Map<String, String> metadata) {
    return new LexicalRecord(id, text, metadata);
  }
}
