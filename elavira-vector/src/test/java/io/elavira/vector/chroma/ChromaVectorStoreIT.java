package io.elavira.vector.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorStore;
import io.elavira.vector.VectorStoreContract;
import io.elavira.vector.stores.ServerUrl;
import io.elavira.vector.stores.VectorStoreException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract against a real Chroma server ({@code .ci/chroma.sh}). */
@Tag("integration")
class ChromaVectorStoreIT extends VectorStoreContract {
  private String url;
  private String collection;

  @Override
  protected VectorStore createStore(int dimension) {
    url = ServerUrl.require("elavira.chroma.url", "ELAVIRA_CHROMA_URL", ".ci/chroma.sh");
    collection = "it-" + UUID.randomUUID();
    return ChromaVectorStore.builder(url, collection, dimension).build();
  }

  @Test
  void reopeningTheSameCollectionSeesItsRecords() {
    store.upsert(List.of(record("a", axis(0), Map.of("k", "v"))));

    try (ChromaVectorStore again = ChromaVectorStore.builder(url, collection, DIMENSION).build()) {
      assertThat(again.count(Filter.eq("k", "v"))).isEqualTo(1);
    }
  }

  @Test
  void worksInItsOwnTenantAndDatabase() {
    String tenant = "t-" + UUID.randomUUID();
    try (ChromaVectorStore other =
        ChromaVectorStore.builder(url, collection, DIMENSION)
            .tenant(tenant)
            .database("elavira")
            .build()) {
      other.upsert(List.of(record("x", axis(1), Map.of())));

      assertThat(other.count(Filter.all())).isEqualTo(1);
      assertThat(store.count(Filter.all())).isZero();
      assertThat(other.search(SearchRequest.of(axis(1), 3, Filter.all()))).hasSize(1);
    }
  }

  @Test
  void anUnreachableServerFailsWithItsUrlAndWhatToDo() {
    assertThatThrownBy(() -> ChromaVectorStore.builder("http://127.0.0.1:9", "c", 8).build())
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("127.0.0.1:9")
        .hasMessageContaining("is the server running");
  }
}
