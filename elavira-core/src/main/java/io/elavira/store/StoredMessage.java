package io.elavira.store;

import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message row: one turn of a conversation and how it was produced.
 *
 * @param id row id, or 0 for a message not yet stored
 * @param conversationId the conversation
 * @param role who wrote it
 * @param content the text
 * @param provider provider that generated it ("extractive" for extractive answers), or null for
 *     user messages
 * @param model model that generated it, or null
 * @param inputTokens prompt tokens, 0 when not applicable
 * @param outputTokens generated tokens, 0 when not applicable
 * @param latencyMs time to produce it, 0 for user messages
 * @param traceId the request's trace id, or null
 * @param createdAt when it was written
 * @param attempts every provider tried for an assistant message, in order; empty otherwise
 * @param route how an assistant message's request was routed (agent, retrieval, chain and why);
 *     null for user messages and for answers of agents without a route policy
 * @param consensus how several models made an assistant message (strategy, every worker's answer or
 *     failure and time, merger); null when no consensus did. Its texts may quote private documents,
 *     as {@code content} may
 */
public record StoredMessage(
    long id,
    String conversationId,
    Role role,
    String content,
    @Nullable String provider,
    @Nullable String model,
    int inputTokens,
    int outputTokens,
    long latencyMs,
    @Nullable String traceId,
    Instant createdAt,
    List<Attempt> attempts,
    @Nullable Route route,
    @Nullable ConsensusOutcome consensus) {

  /**
   * Validates the required fields and copies the attempts. (Written out rather than compact: on JDK
   * 17 the nullness of components does not reach an implicit constructor parameter.)
   */
  public StoredMessage(
      long id,
      String conversationId,
      Role role,
      String content,
      @Nullable String provider,
      @Nullable String model,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      @Nullable String traceId,
      Instant createdAt,
      List<Attempt> attempts,
      @Nullable Route route,
      @Nullable ConsensusOutcome consensus) {
    this.id = id;
    this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
    this.role = Objects.requireNonNull(role, "role");
    this.content = Objects.requireNonNull(content, "content");
    this.provider = provider;
    this.model = model;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.latencyMs = latencyMs;
    this.traceId = traceId;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.attempts = List.copyOf(attempts);
    this.route = route;
    this.consensus = consensus;
  }

  /** A message with its provider attempts, neither routed nor made by a consensus. */
  public StoredMessage(
      long id,
      String conversationId,
      Role role,
      String content,
      @Nullable String provider,
      @Nullable String model,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      @Nullable String traceId,
      Instant createdAt,
      List<Attempt> attempts) {
    this(
        id,
        conversationId,
        role,
        content,
        provider,
        model,
        inputTokens,
        outputTokens,
        latencyMs,
        traceId,
        createdAt,
        attempts,
        null,
        null);
  }

  /** A message with no provider attempts (a user message, or one stored before they were kept). */
  public StoredMessage(
      long id,
      String conversationId,
      Role role,
      String content,
      @Nullable String provider,
      @Nullable String model,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      @Nullable String traceId,
      Instant createdAt) {
    this(
        id,
        conversationId,
        role,
        content,
        provider,
        model,
        inputTokens,
        outputTokens,
        latencyMs,
        traceId,
        createdAt,
        List.of());
  }

  @Override
  public String toString() {
    return "StoredMessage[id="
        + id
        + ", conversation="
        + conversationId
        + ", role="
        + role
        + ", chars="
        + content.length()
        + "]";
  }
}
