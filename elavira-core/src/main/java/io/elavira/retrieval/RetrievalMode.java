package io.elavira.retrieval;

/**
 * How an agent ranks the passages of its documents for a question; see {@code
 * ElaviraAgentBuilder#retrieval}.
 */
public enum RetrievalMode {
  /** Embedding similarity only (the vector index). Needs no lexical index. */
  DENSE,

  /**
   * BM25 word matching only (the lexical index): names, numbers and codes; needs a {@link
   * LexicalIndex}.
   */
  LEXICAL,

  /**
   * Dense and lexical fused by reciprocal rank fusion ({@link HybridRetriever}); needs a {@link
   * LexicalIndex}. The default when the agent has one.
   */
  HYBRID
}
