package io.elavira.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InMemoryVectorStoreTest extends VectorStoreContract {

  @Override
  protected VectorStore createStore(int dimension) {
    return new InMemoryVectorStore();
  }

  @Test
  void matchesABruteForceReferenceAfterManyUpsertsAndDeletes() {
    Random random = new Random(42);
    Map<String, float[]> reference = new java.util.HashMap<>();
    for (int round = 0; round < 20; round++) {
      List<VectorRecord> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String id = "id" + random.nextInt(400);
        float[] v = randomVector(random);
        batch.add(record(id, v, Map.of()));
      }
      store.upsert(batch);
      batch.forEach(r -> reference.put(r.id(), r.vector()));
      List<String> toDelete = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        toDelete.add("id" + random.nextInt(400));
      }
      store.delete(toDelete);
      toDelete.forEach(reference::remove);
    }
    float[] query = randomVector(random);

    List<String> expected =
        reference.entrySet().stream()
            .sorted(Comparator.comparingDouble(e -> -dot(query, e.getValue())))
            .limit(10)
            .map(Map.Entry::getKey)
            .toList();

    assertThat(store.count(Filter.all())).isEqualTo(reference.size());
    assertThat(store.search(SearchRequest.of(query, 10, Filter.all())))
        .extracting(SearchHit::id)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void dimensionMismatchNamesBothDimensions() {
    store.upsert(List.of(record("a", new float[] {1, 0, 0}, Map.of())));

    assertThatThrownBy(() -> store.upsert(List.of(record("b", new float[] {1, 0}, Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 2")
        .hasMessageContaining("dimension 3");
  }

  @Test
  void rejectsUseAfterClose() {
    store.close();
    store.close(); // idempotent

    assertThatThrownBy(() -> store.count(Filter.all())).isInstanceOf(IllegalStateException.class);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void filtersRunsOfRecordsThatShareOneMetadataMapAsIfEachHadItsOwn() {
    Map<String, String> a = Map.of(VectorRecord.AGENT_ID, "a");
    Map<String, String> b = Map.of(VectorRecord.AGENT_ID, "b");
    List<Map<String, String>> layout = List.of(a, a, b, b, b, a, b, a, a);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < layout.size(); i++) {
      float[] v = new float[4];
      v[i % 4] = 1;
      v[(i + 1) % 4] = 0.5f + i / 100f;
      records.add(new VectorRecord("r" + i, v, layout.get(i)));
    }
    try (InMemoryVectorStore store = new InMemoryVectorStore()) {
      store.upsert(records);
      store.delete(List.of("r3"));

      List<SearchHit> hits =
          store.search(
              SearchRequest.of(
                  new float[] {1, 1, 1, 1}, 10, Filter.eq(VectorRecord.AGENT_ID, "a")));

      assertThat(hits)
          .extracting(SearchHit::id)
          .containsExactlyInAnyOrder("r0", "r1", "r5", "r7", "r8");
      assertThat(
              store.search(
                  SearchRequest.of(
                      new float[] {1, 1, 1, 1}, 10, Filter.eq(VectorRecord.AGENT_ID, "b"))))
          .extracting(SearchHit::id)
          .containsExactlyInAnyOrder("r2", "r4", "r6");
    }
  }
}
