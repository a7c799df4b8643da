package io.elavira.internal;

import io.elavira.guard.GuardPolicy;
import io.elavira.guard.LimitExceededException;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.TokenCounter;
import java.time.Duration;
import java.util.Objects;

/**
 * The last guard before the model: refuses a prompt over {@code maxContextTokens} (system prompt
 * included, which the prompt budget does not count) and a turn that already took longer than {@code
 * turnTimeout}. Each refusal is audited ({@code guard.block}); nothing is stored.
 */
final class PromptGuardStage implements Stage {
  private final GuardPolicy policy;
  private final TokenCounter counter;
  private final GuardAudit audit;

  PromptGuardStage(GuardPolicy policy, TokenCounter counter, GuardAudit audit) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.counter = Objects.requireNonNull(counter, "counter");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    try {
      int tokens = 0;
      for (ChatMessage m : exchange.prompt().request().messages()) {
        tokens += counter.count(m.content());
      }
      if (tokens > policy.maxContextTokens()) {
        throw new LimitExceededException(
            "prompt is " + tokens + " tokens (system prompt, passages, history and question)",
            "maxContextTokens",
            String.valueOf(policy.maxContextTokens()));
      }
      Duration elapsed = exchange.latency();
      if (elapsed.compareTo(policy.turnTimeout()) > 0) {
        throw new LimitExceededException(
            "turn took " + elapsed.toMillis() + " ms before the model call",
            "turnTimeout",
            policy.turnTimeout().toString());
      }
    } catch (LimitExceededException e) {
      audit.blocked(exchange.userId(), exchange.conversationId(), exchange.traceId(), e);
      throw e;
    }
    return chain.proceed(exchange);
  }
}
