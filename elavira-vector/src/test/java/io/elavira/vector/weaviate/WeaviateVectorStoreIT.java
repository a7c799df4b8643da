package io.elavira.vector.weaviate;

import io.elavira.vector.VectorStore;
import io.elavira.vector.VectorStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;

/**
 * The contract against a real Weaviate server, when one is given with {@code
 * -Delavira.weaviate.url=http://127.0.0.1:8080} or {@code ELAVIRA_WEAVIATE_URL}. No Weaviate can be
 * installed on the CI machines (docs/vector-stores.md), so this test skips without one even under
 * {@code CI=true}; the wire protocol is covered by {@link WeaviateVectorStoreTest}.
 */
@Tag("integration")
class WeaviateVectorStoreIT extends VectorStoreContract {
  @Override
  protected VectorStore createStore(int dimension) {
    String url = System.getProperty("elavira.weaviate.url", System.getenv("ELAVIRA_WEAVIATE_URL"));
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        "no Weaviate server: set -Delavira.weaviate.url=http://HOST:PORT to run the contract");
    String id = UUID.randomUUID().toString().replace("-", "");
    return WeaviateVectorStore.builder(url, "ElaviraIt" + id, dimension).tenant("t" + id).build();
  }
}
