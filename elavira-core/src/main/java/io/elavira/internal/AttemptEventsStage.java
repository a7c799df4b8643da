package io.elavira.internal;

import io.elavira.llm.ConsensusOutcome;
import io.elavira.observe.ConsensusEvent;
import java.util.Objects;

/**
 * Right before the model: once it returned, tells the listeners about every provider attempt and
 * fallback of the reply ({@link io.elavira.Answer#attempts()}), then, when a consensus answered,
 * about the consensus (its workers are attempts, not fallbacks: a failed worker gives no fallback
 * event). Not reached on a cache hit.
 */
final class AttemptEventsStage implements Stage {
  private final String agentId;

  AttemptEventsStage(String agentId) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Reply reply = chain.proceed(exchange);
    ConsensusOutcome consensus = exchange.consensus();
    Events events = exchange.events();
    events.attempts(exchange.traceId(), agentId, reply.attempts(), consensus == null);
    if (consensus != null && events.active()) {
      events.consensus(ConsensusEvent.of(exchange.traceId(), agentId, consensus));
    }
    return reply;
  }
}
