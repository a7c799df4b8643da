/**
 * Conversation memory: what part of a conversation's stored history is sent back to the model.
 * {@link io.elavira.memory.MemoryWindow} picks the short-term window (newest messages within a
 * message and a token budget); {@link io.elavira.memory.LongTermMemory} configures the recall of a
 * user's past conversations with the same agent and the summaries of long conversations; messages,
 * recalled pairs and summaries are persisted by {@link io.elavira.store.ConversationStore} and
 * {@link io.elavira.store.MemoryStore}.
 */
@NullMarked
package io.elavira.memory;

import org.jspecify.annotations.NullMarked;
