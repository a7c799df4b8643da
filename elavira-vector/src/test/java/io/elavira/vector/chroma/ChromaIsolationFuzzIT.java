package io.elavira.vector.chroma;

import io.elavira.vector.ScopeIsolationFuzz;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.ServerUrl;
import java.util.UUID;
import org.junit.jupiter.api.Tag;

/** The isolation fuzz against a real Chroma server ({@code .ci/chroma.sh}). */
@Tag("integration")
class ChromaIsolationFuzzIT extends ScopeIsolationFuzz {

  @Override
  protected VectorStore newVectorStore() {
    String url = ServerUrl.require("elavira.chroma.url", "ELAVIRA_CHROMA_URL", ".ci/chroma.sh");
    return ChromaVectorStore.builder(url, "fuzz_" + UUID.randomUUID(), DIMENSION).build();
  }

  @Override
  protected boolean completeWhenTopKCoversScope() {
    return false; // approximate HNSW with a metadata filter
  }
}
