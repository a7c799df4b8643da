/**
 * Retrieval SPI: a {@link io.elavira.retrieval.Retriever} turns a {@link
 * io.elavira.retrieval.RetrievalQuery} (the question, scoped to an agent and a user) into the
 * passages an answer rests on, best first. The agent's own retrievers and its prompt building are
 * engine pieces in {@code io.elavira.retrieval.internal}.
 */
@NullMarked
package io.elavira.retrieval;

import org.jspecify.annotations.NullMarked;
