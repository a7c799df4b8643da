package io.elavira.observe;

import io.elavira.AnswerMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A request ended with an answer.
 *
 * @param traceId the request's trace id
 * @param agentId the agent
 * @param mode generated or extractive
 * @param provider who answered ({@link io.elavira.Answer#provider()})
 * @param model the model that answered
 * @param cached whether the answer came from the response cache
 * @param partial whether the text stops where a provider failed mid-stream
 * @param latency wall time of the whole request
 */
public record AnswerEvent(
    String traceId,
    String agentId,
    AnswerMode mode,
    String provider,
    String model,
    boolean cached,
    boolean partial,
    Duration latency) {
  /** Validates. */
  public AnswerEvent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(latency, "latency");
  }
}
