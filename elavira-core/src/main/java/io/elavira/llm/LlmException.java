package io.elavira.llm;

import io.elavira.ElaviraException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A language-model provider failed.
 *
 * <p>The {@link Kind} tells whether trying again (later, or on another provider) can help: the
 * fallback chain and circuit breakers act on {@link #isRetriable()}. The message names the provider
 * and model, the HTTP status when there is one, and what to do; it never contains the API key or
 * the prompt.
 */
public class LlmException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Kind {
    /** Too many requests; see {@link #retryAfter()}. Retriable. */
    RATE_LIMITED(true),
    /** No answer in time (connect, read or overall deadline). Retriable. */
    TIMEOUT(true),
    /** The server is down, unreachable, or answered 5xx. Retriable. */
    UNAVAILABLE(true),
    /** The server says it is overloaded. Retriable. */
    OVERLOADED(true),
    /** The stream broke after it started (connection lost, error event mid-stream). Retriable. */
    STREAM_INTERRUPTED(true),
    /** Missing or wrong credentials. Not retriable. */
    AUTHENTICATION(false),
    /** The provider rejected the request as malformed. Not retriable. */
    INVALID_REQUEST(false),
    /** The model does not exist on that provider. Not retriable. */
    MODEL_NOT_FOUND(false),
    /** The prompt exceeds the model's context window. Not retriable on the same model. */
    CONTEXT_TOO_LONG(false),
    /** The caller cancelled the call. Not retriable. */
    CANCELLED(false);

    private final boolean retriable;

    Kind(boolean retriable) {
      this.retriable = retriable;
    }

    /** Whether trying again later or elsewhere may succeed. */
    public boolean isRetriable() {
      return retriable;
    }
  }

  private final String provider;
  private final Kind kind;
  private final transient @Nullable Duration retryAfter;
  private final transient List<Attempt> attempts;
  private final transient @Nullable ConsensusOutcome consensus;

  /**
   * Creates a provider failure.
   *
   * @param provider the provider's name, e.g. "ollama"
   * @param kind why it failed
   * @param message what failed and what to do, without secrets or prompt text
   * @param retryAfter how long the provider asked to wait, or null
   * @param cause the underlying exception, or null
   */
  public LlmException(
      String provider,
      Kind kind,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    this(provider, kind, message, retryAfter, cause, List.of());
  }

  /**
   * Creates a failure of a fallback chain (or any decorator that tried several providers).
   *
   * @param provider the name of the provider whose failure is reported
   * @param kind why it failed
   * @param message what failed and what to do, without secrets or prompt text
   * @param retryAfter how long the provider asked to wait, or null
   * @param cause the underlying exception, or null
   * @param attempts every provider tried, in order
   */
  public LlmException(
      String provider,
      Kind kind,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause,
      List<Attempt> attempts) {
    this(provider, kind, message, retryAfter, cause, attempts, null);
  }

  /**
   * Creates a failure of a multi-model consensus, with what its workers did.
   *
   * @param provider the name of the provider whose failure is reported
   * @param kind why it failed
   * @param message what failed and what to do, without secrets or prompt text
   * @param retryAfter how long the provider asked to wait, or null
   * @param cause the underlying exception, or null
   * @param attempts every provider tried, in order
   * @param consensus every worker's outcome, the merger's attempt and the wall time, or null
   */
  public LlmException(
      String provider,
      Kind kind,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause,
      List<Attempt> attempts,
      @Nullable ConsensusOutcome consensus) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
    this.provider = Objects.requireNonNull(provider, "provider");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
    this.attempts = List.copyOf(attempts);
    this.consensus = consensus;
  }

  /** Creates a provider failure with no retry-after and no cause. */
  public LlmException(String provider, Kind kind, String message) {
    this(provider, kind, message, null, null);
  }

  /** The name of the provider that failed. */
  public String provider() {
    return provider;
  }

  /** Why it failed. */
  public Kind kind() {
    return kind;
  }

  /** Whether trying again later or on another provider may succeed. */
  public boolean isRetriable() {
    return kind.isRetriable();
  }

  /**
   * Every provider tried before this failure, in order, when a fallback chain failed; empty when a
   * single provider failed directly.
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * What the workers of a failed multi-model consensus did (each one's failure or answer, the
   * merger's attempt, the wall time), when a consensus failed; null otherwise.
   */
  public @Nullable ConsensusOutcome consensus() {
    return consensus;
  }

  /** How long the provider asked to wait before the next call, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
