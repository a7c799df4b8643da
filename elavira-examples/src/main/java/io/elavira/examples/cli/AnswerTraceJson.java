package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.elavira.agent.Route;
import io.elavira.examples.cli.AnswerJson.AttemptJson;
import io.elavira.examples.cli.AnswerJson.ConsensusJson;
import io.elavira.examples.cli.AnswerJson.RouteJson;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.store.AnswerTrace;
import io.elavira.store.StoredMessage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of a stored answer's trace: {@code elavira answers show ID --json} and the
 * reference server's {@code GET /api/answers/{traceId}}. Its parts have the shapes of {@link
 * AnswerJson} ({@code ask --json}); it shows nothing the answer did not (no question, no prompt).
 *
 * @param traceId the answer's id (the {@code traceId} of {@code ask --json})
 * @param agent the agent of the conversation holding the answer
 * @param conversationId that conversation
 * @param createdAt when the answer was stored, ISO-8601
 * @param answer the answer text
 * @param provider provider that answered ("extractive" without a model)
 * @param model model that answered
 * @param latencyMs wall time of the request
 * @param attempts every provider tried, in order
 * @param route how the question was routed and why; absent for an unrouted answer
 * @param consensus how several models made the answer: strategy, every worker's answer or failure
 *     and time, merger; absent when no consensus answered
 */
@JsonPropertyOrder({
  "traceId",
  "agent",
  "conversationId",
  "createdAt",
  "answer",
  "provider",
  "model",
  "latencyMs",
  "attempts",
  "route",
  "consensus"
})
public record AnswerTraceJson(
    String traceId,
    String agent,
    String conversationId,
    String createdAt,
    String answer,
    @Nullable String provider,
    @Nullable String model,
    long latencyMs,
    List<AttemptJson> attempts,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable RouteJson route,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ConsensusJson consensus) {

  /** The JSON view of a stored trace. */
  public static AnswerTraceJson of(AnswerTrace trace) {
    StoredMessage m = trace.answer();
    Route route = trace.route();
    ConsensusOutcome consensus = trace.consensus();
    return new AnswerTraceJson(
        Objects.requireNonNull(m.traceId(), "traceId"),
        trace.agentId(),
        m.conversationId(),
        m.createdAt().toString(),
        m.content(),
        m.provider(),
        m.model(),
        m.latencyMs(),
        m.attempts().stream().map(AttemptJson::of).toList(),
        route == null ? null : RouteJson.of(route),
        consensus == null ? null : ConsensusJson.of(consensus));
  }
}
