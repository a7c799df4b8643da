package io.elavira.internal;

import io.elavira.memory.MemoryWindow;
import io.elavira.store.ConversationStore;
import java.util.Objects;

/**
 * Checks (without writing) that the conversation is new or this user's with this agent, and loads
 * its short-term memory window.
 */
final class MemoryStage implements Stage {
  private final String agentId;
  private final ConversationStore conversations;
  private final MemoryWindow memory;

  MemoryStage(String agentId, ConversationStore conversations, MemoryWindow memory) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.memory = Objects.requireNonNull(memory, "memory");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    conversations.checkConversation(agentId, exchange.userId(), exchange.conversationId());
    exchange.history(
        memory.select(conversations.recent(exchange.conversationId(), memory.maxMessages())));
    return chain.proceed(exchange);
  }
}
