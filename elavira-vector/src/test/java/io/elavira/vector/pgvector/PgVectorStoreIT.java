package io.elavira.vector.pgvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.VectorStoreContract;
import io.elavira.vector.stores.ServerUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract against a real PostgreSQL with pgvector ({@code .ci/postgres.sh}). */
@Tag("integration")
class PgVectorStoreIT extends VectorStoreContract {
  private String url;
  private String table;

  @Override
  protected VectorStore createStore(int dimension) {
    url = ServerUrl.require("elavira.pgvector.url", "ELAVIRA_PGVECTOR_URL", ".ci/postgres.sh");
    table = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    return PgVectorStore.builder(url, table, dimension).build();
  }

  @Test
  void aRareFilterOverABigTableStillReturnsTopKThroughTheHnswIndex() {
    Random random = new Random(9);
    List<VectorRecord> records = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String agent = i % 500 == 0 ? "rare" : "common";
      records.add(record("r" + i, randomVector(random), Map.of(VectorRecord.AGENT_ID, agent)));
    }
    store.upsert(records);

    List<SearchHit> hits =
        store.search(SearchRequest.of(axis(0), 10, Filter.eq(VectorRecord.AGENT_ID, "rare")));

    assertThat(hits).hasSize(10);
  }

  @Test
  void reopeningTheSameTableSeesItsRecords() {
    store.upsert(List.of(record("a", axis(0), Map.of("k", "v"))));

    PgVectorStore again = PgVectorStore.builder(url, table, DIMENSION).build();
    assertThat(again.count(Filter.eq("k", "v"))).isEqualTo(1);
  }

  @Test
  void rejectsTableNamesThatCouldInjectSql() {
    assertThatThrownBy(() -> PgVectorStore.builder(url, "t; drop table x", DIMENSION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case");
  }
}
