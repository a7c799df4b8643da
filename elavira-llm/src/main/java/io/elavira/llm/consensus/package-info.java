/**
 * {@link io.elavira.llm.consensus.ConsensusProvider}: several providers or models (the workers)
 * answer the same request in parallel, each within its own timeout, and one answer is made from
 * theirs: synthesised by a merger model, voted on (plain or weighted majority of normalised
 * answers), or picked by a scoring model or rule. Failing workers are tolerated and recorded; every
 * worker's answer is kept on the response for the trace. {@link
 * io.elavira.llm.consensus.ConsensusProviders} builds one from the lists a command line gives.
 */
@NullMarked
package io.elavira.llm.consensus;

import org.jspecify.annotations.NullMarked;
