package io.elavira.llm;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One try at one provider while answering a request: who was asked, what happened, how long it
 * took. A fallback chain records one per provider it considered, in order, in {@link
 * ChatResponse#attempts()} or {@link LlmException#attempts()}.
 *
 * @param provider the provider's name, e.g. "ollama"
 * @param model the model asked for
 * @param outcome what happened
 * @param kind why it failed, when {@code outcome} is a failure; null when it answered or was
 *     skipped
 * @param elapsed time spent on this attempt (zero when skipped)
 */
public record Attempt(
    String provider,
    String model,
    Outcome outcome,
    LlmException.@Nullable Kind kind,
    Duration elapsed) {

  /** What happened to an attempt. */
  public enum Outcome {
    /** The provider answered. */
    ANSWERED,
    /** The provider failed; {@link Attempt#kind()} says why. */
    FAILED,
    /** The provider's circuit breaker was open: no connection was attempted. */
    SKIPPED_BREAKER_OPEN
  }

  /**
   * Validates the fields. (Written out rather than compact: on JDK 17 the nullness of {@code kind}
   * does not reach an implicit constructor parameter.)
   *
   * @throws IllegalArgumentException when elapsed is negative, or a failed attempt has no kind
   */
  public Attempt(
      String provider,
      String model,
      Outcome outcome,
      LlmException.@Nullable Kind kind,
      Duration elapsed) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
    }
    if (outcome == Outcome.FAILED && kind == null) {
      throw new IllegalArgumentException("a failed attempt needs its kind");
    }
    this.kind = kind;
  }

  /** An attempt that answered. */
  public static Attempt answered(String provider, String model, Duration elapsed) {
    return new Attempt(provider, model, Outcome.ANSWERED, null, elapsed);
  }

  /** An attempt that failed with {@code kind}. */
  public static Attempt failed(
      String provider, String model, LlmException.Kind kind, Duration elapsed) {
    return new Attempt(provider, model, Outcome.FAILED, kind, elapsed);
  }

  /** A provider skipped because its circuit breaker was open. */
  public static Attempt skipped(String provider, String model) {
    return new Attempt(provider, model, Outcome.SKIPPED_BREAKER_OPEN, null, Duration.ZERO);
  }
}
