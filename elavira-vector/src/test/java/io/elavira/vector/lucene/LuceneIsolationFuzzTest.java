package io.elavira.vector.lucene;

import io.elavira.retrieval.LexicalIndex;
import io.elavira.vector.ScopeIsolationFuzz;
import io.elavira.vector.VectorStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation fuzz against the embedded Lucene stores: HNSW search with the scope as a Lucene
 * filter, and BM25 search with the same filter.
 */
class LuceneIsolationFuzzTest extends ScopeIsolationFuzz {
  @TempDir Path dir;

  @Override
  protected VectorStore newVectorStore() {
    return LuceneVectorStore.builder(dir.resolve("vectors"), DIMENSION).build();
  }

  @Override
  protected @Nullable LexicalIndex newLexicalIndex() {
    return LuceneLexicalIndex.open(dir.resolve("lexical"));
  }
}
