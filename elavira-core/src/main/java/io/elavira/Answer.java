package io.elavira;

import io.elavira.llm.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ElaviraAgent#ask} returns: the text, how it was produced, and what it rests on.
 *
 * @param text the answer
 * @param mode {@link AnswerMode#GENERATED} by a model, or {@link AnswerMode#EXTRACTIVE} from
 *     retrieved passages
 * @param sources the passages given to the model (or quoted), best first; empty when nothing was
 *     retrieved
 * @param provider name of the provider that answered, or "extractive"
 * @param model model that answered, or "none" in extractive mode
 * @param usage tokens consumed
 * @param latency wall time of the whole request
 * @param conversationId the conversation the exchange was stored in
 * @param traceId id of this request in messages, logs and events
 */
public record Answer(
    String text,
    AnswerMode mode,
    List<Source> sources,
    String provider,
    String model,
    TokenUsage usage,
    Duration latency,
    String conversationId,
    String traceId) {
  /** Validates and copies. */
  public Answer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    sources = List.copyOf(sources);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(traceId, "traceId");
  }

  /** Does not print the text or the passages: they may quote private documents. */
  @Override
  public String toString() {
    return "Answer[mode="
        + mode
        + ", provider="
        + provider
        + ", model="
        + model
        + ", chars="
        + text.length()
        + ", sources="
        + sources.size()
        + ", latency="
        + latency
        + ", trace="
        + traceId
        + "]";
  }
}
