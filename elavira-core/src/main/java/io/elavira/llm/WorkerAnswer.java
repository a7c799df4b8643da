package io.elavira.llm;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one worker of a multi-model consensus did for a request: which provider and model, its
 * answer (when it gave one), how long it took, and why it failed (when it did). Kept on {@link
 * ChatResponse#workerAnswers()} so a caller can show every model's answer on request.
 *
 * <p>The text may quote private documents: print it only when the user asks for the trace.
 *
 * @param provider the provider's name, e.g. "ollama"
 * @param model the model asked for
 * @param outcome {@link Attempt.Outcome#ANSWERED} or {@link Attempt.Outcome#FAILED}
 * @param kind why it failed; null when it answered
 * @param text the answer; null when it failed
 * @param latency time from the worker's start to its answer or failure
 * @param usage tokens the worker consumed ({@link TokenUsage#NONE} when it failed)
 * @param error what went wrong, as the provider's exception said it (no prompt, no key); null when
 *     it answered
 */
public record WorkerAnswer(
    String provider,
    String model,
    Attempt.Outcome outcome,
    LlmException.@Nullable Kind kind,
    @Nullable String text,
    Duration latency,
    TokenUsage usage,
    @Nullable String error) {

  /**
   * Validates the fields. (Written out rather than compact: on JDK 17 the nullness of components
   * does not reach an implicit constructor parameter.)
   *
   * @throws IllegalArgumentException when latency is negative, an answered worker has no text, or a
   *     failed one has no kind
   */
  public WorkerAnswer(
      String provider,
      String model,
      Attempt.Outcome outcome,
      LlmException.@Nullable Kind kind,
      @Nullable String text,
      Duration latency,
      TokenUsage usage,
      @Nullable String error) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.usage = Objects.requireNonNull(usage, "usage");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + latency);
    }
    if (outcome == Attempt.Outcome.ANSWERED && text == null) {
      throw new IllegalArgumentException("an answered worker needs its text");
    }
    if (outcome == Attempt.Outcome.FAILED && kind == null) {
      throw new IllegalArgumentException("a failed worker needs its kind");
    }
    if (outcome == Attempt.Outcome.SKIPPED_BREAKER_OPEN) {
      throw new IllegalArgumentException("a worker either answered or failed");
    }
    this.kind = kind;
    this.text = text;
    this.error = error;
  }

  /** A worker that answered {@code text}. */
  public static WorkerAnswer answered(
      String provider, String model, String text, Duration latency, TokenUsage usage) {
    return new WorkerAnswer(
        provider, model, Attempt.Outcome.ANSWERED, null, text, latency, usage, null);
  }

  /** A worker that failed with {@code kind}, saying why in {@code error}. */
  public static WorkerAnswer failed(
      String provider, String model, LlmException.Kind kind, Duration latency, String error) {
    return new WorkerAnswer(
        provider, model, Attempt.Outcome.FAILED, kind, null, latency, TokenUsage.NONE, error);
  }

  /** Whether the worker answered. */
  public boolean answered() {
    return outcome == Attempt.Outcome.ANSWERED;
  }

  /** The same facts as an {@link Attempt}, for {@link ChatResponse#attempts()}. */
  public Attempt toAttempt() {
    return new Attempt(provider, model, outcome, kind, latency);
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "WorkerAnswer[provider="
        + provider
        + ", model="
        + model
        + ", outcome="
        + outcome
        + (kind == null ? "" : ", kind=" + kind)
        + ", latencyMs="
        + latency.toMillis()
        + (text == null ? "" : ", chars=" + text.length())
        + "]";
  }
}
