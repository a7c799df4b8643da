/**
 * Retrieval-augmented generation building blocks: {@link io.elavira.retrieval.Retriever}s (dense
 * retrieval over the vector index, scoped to the agent and the user), the {@link
 * io.elavira.retrieval.PromptBuilder} that fits delimited, labelled passages, history and the
 * question into a token budget, and {@link io.elavira.retrieval.Citations} naming sources.
 */
package io.elavira.retrieval;
