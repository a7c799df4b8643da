package io.elavira.internal;

import io.elavira.llm.Role;
import io.elavira.observe.CacheEvent;
import io.elavira.store.AuditLog;
import io.elavira.store.ConversationStore;
import io.elavira.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Persists the exchange once the rest of the chain replied: the conversation (when new), the
 * question, the answer with its provider, model, tokens, latency, trace, attempts, route and
 * consensus (every worker's answer), and the audit entry, in ONE transaction. A cancelled exchange
 * is not persisted. Every way of answering ({@code ask}, {@code stream}, an agent held through a
 * registry or not) ends here, so every answer's trace is stored the same way.
 */
final class RecordStage implements Stage {
  private final String agentId;
  private final ConversationStore conversations;
  private final AuditLog audit;
  private final GenerationStage generation;

  RecordStage(
      String agentId, ConversationStore conversations, AuditLog audit, GenerationStage generation) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.generation = Objects.requireNonNull(generation, "generation");
  }

  /**
   * The response cache's part for the audit entry, which usage statistics count: {@code "
   * cache=hit"} or {@code " cache=miss"}, nothing when the cache was skipped or is not configured.
   */
  private static String cacheDetail(Exchange exchange) {
    CacheEvent.Outcome outcome = exchange.cacheOutcome();
    if (outcome == CacheEvent.Outcome.HIT) {
      return " cache=hit";
    }
    return outcome == CacheEvent.Outcome.MISS ? " cache=miss" : "";
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Reply reply = chain.proceed(exchange);
    if (!exchange.startRecording()) {
      throw generation.cancelled(null);
    }
    try {
      Duration latency = exchange.stopClock();
      if (reply.partial()) {
        // The text stops mid-answer: kept out of the conversation's memory, only audited.
        audit.record(
            "ask-partial",
            exchange.userId(),
            agentId,
            "conversation="
                + exchange.conversationId()
                + " trace="
                + exchange.traceId()
                + " provider="
                + reply.provider()
                + " attempts="
                + reply.attempts().size()
                + " ms="
                + latency.toMillis());
        return reply;
      }
      Instant now = Instant.now();
      conversations.recordExchange(
          agentId,
          exchange.userId(),
          exchange.conversationId(),
          List.of(
              new StoredMessage(
                  0,
                  exchange.conversationId(),
                  Role.USER,
                  exchange.question(),
                  null,
                  null,
                  0,
                  0,
                  0,
                  exchange.traceId(),
                  now),
              new StoredMessage(
                  0,
                  exchange.conversationId(),
                  Role.ASSISTANT,
                  reply.text(),
                  reply.provider(),
                  reply.model(),
                  reply.usage().inputTokens(),
                  reply.usage().outputTokens(),
                  latency.toMillis(),
                  exchange.traceId(),
                  now,
                  reply.attempts(),
                  exchange.route(),
                  exchange.consensus())),
          "ask",
          "conversation="
              + exchange.conversationId()
              + " trace="
              + exchange.traceId()
              + " mode="
              + reply.mode()
              + cacheDetail(exchange)
              + " provider="
              + reply.provider()
              + " sources="
              + reply.sources().size()
              + " attempts="
              + reply.attempts().size()
              + " ms="
              + latency.toMillis());
      return reply;
    } finally {
      exchange.ended();
    }
  }
}
