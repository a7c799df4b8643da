package io.elavira.internal;

import java.util.Objects;

/**
 * Right before the model: once it returned, tells the listeners about every provider attempt and
 * fallback of the reply ({@link io.elavira.Answer#attempts()}). Not reached on a cache hit.
 */
final class AttemptEventsStage implements Stage {
  private final String agentId;

  AttemptEventsStage(String agentId) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Reply reply = chain.proceed(exchange);
    exchange.events().attempts(exchange.traceId(), agentId, reply.attempts());
    return reply;
  }
}
