package io.elavira.vector.pgvector;

import io.elavira.vector.ScopeIsolationFuzz;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.ServerUrl;
import java.util.UUID;
import org.junit.jupiter.api.Tag;

/** The isolation fuzz against a real PostgreSQL with pgvector ({@code .ci/postgres.sh}). */
@Tag("integration")
class PgVectorIsolationFuzzIT extends ScopeIsolationFuzz {

  @Override
  protected VectorStore newVectorStore() {
    String url =
        ServerUrl.require("elavira.pgvector.url", "ELAVIRA_PGVECTOR_URL", ".ci/postgres.sh");
    String table = "fuzz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    return PgVectorStore.builder(url, table, DIMENSION).build();
  }

  @Override
  protected boolean completeWhenTopKCoversScope() {
    return false; // an HNSW index with a filter may return fewer than the filter matches
  }
}
