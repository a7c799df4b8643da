/**
 * Conversation memory: what part of a conversation's stored history is sent back to the model.
 * {@link io.elavira.memory.MemoryWindow} picks the short-term window (newest messages within a
 * message and a token budget); messages themselves are persisted by {@link
 * io.elavira.store.ConversationStore}.
 */
@NullMarked
package io.elavira.memory;

import org.jspecify.annotations.NullMarked;
