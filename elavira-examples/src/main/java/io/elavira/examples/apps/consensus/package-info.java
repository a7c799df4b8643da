/**
 * ConsensusChat: several local models answer each question as workers, a strategy (a merger model,
 * a majority or weighted vote, or a best-of pick) makes the consensus, and {@link
 * io.elavira.examples.apps.consensus.WorkerAnswerTap} keeps each worker's own answer so the chat
 * can show it next to the consensus. Example code: small and documented, not a stable API.
 */
@NullMarked
package io.elavira.examples.apps.consensus;

import org.jspecify.annotations.NullMarked;
