package io.elavira.internal;

import io.elavira.guard.GuardPolicy;
import io.elavira.llm.TokenCounter;
import io.elavira.memory.LongTermMemory;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one agent, as the builder collected them.
 *
 * @param agentId the agent's id
 * @param systemPrompt instructions opening every prompt
 * @param topK passages retrieved per question
 * @param minScore lowest cosine score retrieved
 * @param contextTokens prompt budget for passages, history and question
 * @param tokenCounter counts tokens for budgets
 * @param memoryMessages short-term window by message count
 * @param memoryTokens short-term window by tokens
 * @param maxQuestionChars longest accepted question (the same as {@code guards.maxQuestionChars()})
 * @param closeTimeout how long close() waits for the calls it cancelled
 * @param longTermMemory recall of past conversations and summaries of long ones
 * @param guards the limits and injection actions of the request path
 */
public record AgentConfig(
    String agentId,
    String systemPrompt,
    int topK,
    double minScore,
    int contextTokens,
    TokenCounter tokenCounter,
    int memoryMessages,
    int memoryTokens,
    int maxQuestionChars,
    Duration closeTimeout,
    LongTermMemory longTermMemory,
    GuardPolicy guards) {

  /** Validates the references (values were validated by the builder). */
  public AgentConfig {
    Objects.requireNonNull(longTermMemory, "longTermMemory");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(tokenCounter, "tokenCounter");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    Objects.requireNonNull(guards, "guards");
    if (guards.maxQuestionChars() != maxQuestionChars) {
      throw new IllegalArgumentException(
          "maxQuestionChars "
              + maxQuestionChars
              + " differs from guards.maxQuestionChars() "
              + guards.maxQuestionChars());
    }
  }

  /**
   * Settings with the default guards but {@code maxQuestionChars} (the form that existed before
   * guard policies).
   */
  public AgentConfig(
      String agentId,
      String systemPrompt,
      int topK,
      double minScore,
      int contextTokens,
      TokenCounter tokenCounter,
      int memoryMessages,
      int memoryTokens,
      int maxQuestionChars,
      Duration closeTimeout,
      LongTermMemory longTermMemory) {
    this(
        agentId,
        systemPrompt,
        topK,
        minScore,
        contextTokens,
        tokenCounter,
        memoryMessages,
        memoryTokens,
        maxQuestionChars,
        closeTimeout,
        longTermMemory,
        GuardPolicy.builder().maxQuestionChars(maxQuestionChars).build());
  }

  /** Settings with the default long-term memory ({@link LongTermMemory#defaults()}) and guards. */
  public AgentConfig(
      String agentId,
      String systemPrompt,
      int topK,
      double minScore,
      int contextTokens,
      TokenCounter tokenCounter,
      int memoryMessages,
      int memoryTokens,
      int maxQuestionChars,
      Duration closeTimeout) {
    this(
        agentId,
        systemPrompt,
        topK,
        minScore,
        contextTokens,
        tokenCounter,
        memoryMessages,
        memoryTokens,
        maxQuestionChars,
        closeTimeout,
        LongTermMemory.defaults());
  }
}
