package io.elavira.internal;

import io.elavira.guard.GuardPolicy;
import io.elavira.guard.InjectionAction;
import io.elavira.guard.InjectionDetector;
import io.elavira.guard.InjectionVerdict;
import io.elavira.guard.InputGuard;
import io.elavira.guard.InputRejectedException;
import io.elavira.guard.LimitExceededException;
import io.elavira.guard.PromptInjectionException;
import io.elavira.llm.TokenCounter;
import io.elavira.store.ConversationStore;
import java.util.Objects;

/**
 * Refuses a question the guards reject before anything is read or written: empty, over {@code
 * maxQuestionChars} or {@code maxQuestionTokens}, a prompt injection under {@code
 * questionInjection=BLOCK}, or in a conversation that holds {@code maxConversationMessages}
 * already. Each refusal is audited ({@code guard.block}); a question flagged under {@code FLAG} is
 * audited ({@code guard.flag}) and marked on the exchange, and goes on.
 */
final class GuardStage implements Stage {
  private final String agentId;
  private final GuardPolicy policy;
  private final InputGuard input;
  private final TokenCounter counter;
  private final InjectionDetector detector;
  private final ConversationStore conversations;
  private final GuardAudit audit;

  GuardStage(
      String agentId,
      GuardPolicy policy,
      TokenCounter counter,
      InjectionDetector detector,
      ConversationStore conversations,
      GuardAudit audit) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.input = new InputGuard(policy.maxQuestionChars());
    this.counter = Objects.requireNonNull(counter, "counter");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Refuses {@code question} at once when a guard rejects it, writing only the audit entry.
   *
   * @return what the injection detector found (clean when {@code questionInjection=ALLOW})
   * @throws InputRejectedException (or its {@link LimitExceededException} and {@link
   *     PromptInjectionException} subclasses) naming the rule and its setting
   */
  InjectionVerdict check(String userId, String conversationId, String question) {
    try {
      return checked(userId, conversationId, question);
    } catch (InputRejectedException e) {
      audit.blocked(userId, conversationId, null, e);
      throw e;
    }
  }

  private InjectionVerdict checked(String userId, String conversationId, String question) {
    input.check(question);
    int tokens = counter.count(question);
    if (tokens > policy.maxQuestionTokens()) {
      throw new LimitExceededException(
          "question is " + tokens + " tokens",
          "maxQuestionTokens",
          String.valueOf(policy.maxQuestionTokens()));
    }
    InjectionVerdict verdict =
        policy.questionInjection() == InjectionAction.ALLOW
            ? InjectionVerdict.CLEAN
            : detector.scan(question);
    if (verdict.suspicious() && policy.questionInjection() == InjectionAction.BLOCK) {
      throw new PromptInjectionException(verdict);
    }
    long messages = conversations.messageCount(agentId, conversationId);
    if (messages + 2 > policy.maxConversationMessages()) {
      throw new LimitExceededException(
          "conversation holds " + messages + " messages and an exchange adds 2",
          "maxConversationMessages",
          String.valueOf(policy.maxConversationMessages()));
    }
    return verdict;
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    InjectionVerdict verdict =
        check(exchange.userId(), exchange.conversationId(), exchange.question());
    if (verdict.suspicious()) {
      exchange.addGuardFlag("question:" + String.join(",", verdict.rules()));
      audit.flagged(
          exchange.userId(),
          "target=question conversation="
              + exchange.conversationId()
              + " trace="
              + exchange.traceId()
              + " rules="
              + String.join(",", verdict.rules())
              + " score="
              + GuardAudit.score(verdict)
              + " setting=questionInjection=FLAG");
    }
    return chain.proceed(exchange);
  }
}
