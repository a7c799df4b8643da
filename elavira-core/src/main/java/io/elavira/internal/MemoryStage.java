package io.elavira.internal;

import io.elavira.llm.ChatMessage;
import io.elavira.memory.MemoryWindow;
import io.elavira.store.ConversationStore;
import io.elavira.store.StoredMessage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks (without writing) that the conversation is new or this user's with this agent, loads its
 * short-term memory window and, when a summarizer is given and the conversation has messages older
 * than the window, the summary of those.
 */
final class MemoryStage implements Stage {
  private final String agentId;
  private final ConversationStore conversations;
  private final MemoryWindow memory;
  private final @Nullable ConversationSummarizer summarizer;

  MemoryStage(String agentId, ConversationStore conversations, MemoryWindow memory) {
    this(agentId, conversations, memory, null);
  }

  MemoryStage(
      String agentId,
      ConversationStore conversations,
      MemoryWindow memory,
      @Nullable ConversationSummarizer summarizer) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.summarizer = summarizer;
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    conversations.checkConversation(agentId, exchange.userId(), exchange.conversationId());
    List<StoredMessage> recent =
        conversations.recent(
            agentId, exchange.userId(), exchange.conversationId(), memory.maxMessages());
    List<StoredMessage> window = memory.selectStored(recent);
    exchange.history(window.stream().map(m -> new ChatMessage(m.role(), m.content())).toList());
    ConversationSummarizer summaries = summarizer;
    if (summaries != null && !recent.isEmpty()) {
      long windowStart =
          window.isEmpty() ? recent.get(recent.size() - 1).id() + 1 : window.get(0).id();
      exchange.summary(
          summaries.summaryBefore(
              agentId, exchange.userId(), exchange.conversationId(), windowStart));
    }
    return chain.proceed(exchange);
  }
}
