package io.elavira.llm.fallback;

import io.elavira.llm.Attempt;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An ordered chain of providers (e.g. ollama → llamacpp → mistral), each behind its own circuit
 * breaker, answering as one {@link LlmProvider}.
 *
 * <pre>{@code
 * LlmProvider llm = FallbackProvider.builder().add(ollama).add(llamacpp).build();
 * ChatResponse r = llm.chat(request);        // r.attempts(): who was tried, who answered
 * }</pre>
 *
 * <ul>
 *   <li>A retriable failure ({@link LlmException#isRetriable()}: unavailable, timeout, overloaded,
 *       rate limited) counts against that provider's breaker and the next provider is tried.
 *   <li>A non-retriable failure (400, 401, model not found...) is reported at once, naming the
 *       provider, and does not count against its breaker.
 *   <li>A provider whose breaker is open is skipped without any connection attempt, so a dead
 *       provider costs nothing per request until its breaker lets a trial call through (half-open
 *       after {@link Builder#waitInOpenState}).
 *   <li>Streaming: a provider that fails before its first token is replaced transparently; one that
 *       fails after tokens reached the listener ends the call with {@link Kind#STREAM_INTERRUPTED}
 *       naming it: the partial answer is never continued by another model.
 *   <li>Every provider considered is recorded, in order, in {@link ChatResponse#attempts()} or
 *       {@link LlmException#attempts()}.
 * </ul>
 *
 * <p>A request's {@link ChatRequest#model()} is passed to every provider; leave it unset so each
 * uses its own default model. Thread-safe; the breakers are shared by all calls. {@link #close()}
 * closes the providers of the chain when it owns them ({@link Builder#closeProviders(boolean)}).
 */
public final class FallbackProvider implements LlmProvider {
  /** The name of the chain itself; who answered is in the attempts. */
  public static final String NAME = "fallback";

  /** Failure rate (percent of recorded calls) that opens a breaker. */
  public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;

  /** Calls a breaker looks at (count-based window). */
  public static final int DEFAULT_SLIDING_WINDOW = 10;

  /** Calls needed before a breaker may open: a dead provider is skipped after this many. */
  public static final int DEFAULT_MINIMUM_CALLS = 3;

  /** How long an open breaker skips its provider before letting a trial call through. */
  public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(30);

  /** Trial calls let through when half-open. */
  public static final int DEFAULT_HALF_OPEN_CALLS = 1;

  private final List<Link> links;
  private final Clock clock;
  private final boolean closeProviders;
  private final AtomicBoolean closed = new AtomicBoolean();

  private record Link(LlmProvider provider, CircuitBreaker breaker) {}

  private FallbackProvider(Builder b) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(b.failureRateThreshold)
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(b.slidingWindow)
            .minimumNumberOfCalls(b.minimumCalls)
            .waitDurationInOpenState(b.waitInOpenState)
            .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls)
            .recordException(t -> t instanceof LlmException e && e.isRetriable())
            .clock(b.clock)
            .build();
    List<Link> list = new ArrayList<>();
    for (int i = 0; i < b.providers.size(); i++) {
      LlmProvider p = b.providers.get(i);
      list.add(new Link(p, CircuitBreaker.of(i + ":" + p.name(), config)));
    }
    this.links = List.copyOf(list);
    this.clock = b.clock;
    this.closeProviders = b.closeProviders;
  }

  /** A builder; add at least one provider. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** The first provider's default model. */
  @Override
  public String defaultModel() {
    return links.get(0).provider().defaultModel();
  }

  /** The providers of the chain, in order. */
  public List<LlmProvider> providers() {
    return links.stream().map(Link::provider).toList();
  }

  /** The state of each provider's breaker, in order: "CLOSED", "OPEN", "HALF_OPEN"... */
  public List<String> breakerStates() {
    return links.stream().map(l -> l.breaker().getState().name()).toList();
  }

  /**
   * {@inheritDoc}
   *
   * @throws LlmException with every attempt: the first non-retriable failure (naming its provider),
   *     or, when no provider answered, the last failure
   */
  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return run(request, (p, r) -> p.chat(r), null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each member is asked with {@code cancellation}: once it fires, the member's call stops and
   * the chain ends with {@link Kind#CANCELLED} (a cancellation is not a failure to fall back from).
   *
   * @throws LlmException as {@link #chat(ChatRequest)}; {@link Kind#CANCELLED} once cancelled
   */
  @Override
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(cancellation, "cancellation");
    return run(request, (p, r) -> p.chat(r, cancellation), null);
  }

  /**
   * {@inheritDoc}
   *
   * @throws LlmException with every attempt: {@code STREAM_INTERRUPTED} naming the provider that
   *     failed after its first token; otherwise as {@link #chat}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    AtomicBoolean delivered = new AtomicBoolean();
    TokenListener counting =
        token -> {
          delivered.set(true);
          listener.onToken(token);
        };
    return run(request, (p, r) -> p.stream(r, counting, cancellation), delivered);
  }

  @FunctionalInterface
  private interface Call {
    ChatResponse apply(LlmProvider provider, ChatRequest request);
  }

  private ChatResponse run(ChatRequest request, Call call, @Nullable AtomicBoolean delivered) {
    if (closed.get()) {
      throw new IllegalStateException("the fallback chain is closed");
    }
    List<Attempt> attempts = new ArrayList<>();
    LlmException last = null;
    for (Link link : links) {
      LlmProvider p = link.provider();
      String model = request.model() != null ? request.model() : p.defaultModel();
      if (!link.breaker().tryAcquirePermission()) {
        attempts.add(Attempt.skipped(p.name(), model));
        continue;
      }
      Instant start = clock.instant();
      try {
        ChatResponse response = call.apply(p, request);
        Duration took = since(start);
        link.breaker().onSuccess(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        attempts.add(Attempt.answered(p.name(), model, took));
        return response.toBuilder().attempts(attempts).build();
      } catch (LlmException e) {
        Duration took = since(start);
        boolean midStream = delivered != null && delivered.get();
        if (e.isRetriable()) {
          link.breaker().onError(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS, e);
        } else {
          link.breaker().releasePermission();
        }
        if (midStream) {
          attempts.add(Attempt.failed(p.name(), model, Kind.STREAM_INTERRUPTED, took));
          throw new LlmException(
              p.name(),
              e.kind() == Kind.CANCELLED ? Kind.CANCELLED : Kind.STREAM_INTERRUPTED,
              "provider "
                  + p.name()
                  + " failed after its answer had started; the partial answer is not continued by"
                  + " another model ("
                  + e.getMessage()
                  + ")",
              null,
              e,
              attempts);
        }
        attempts.add(Attempt.failed(p.name(), model, e.kind(), took));
        if (e.kind() == Kind.CANCELLED) {
          throw new LlmException(
              p.name(),
              Kind.CANCELLED,
              "the call was cancelled while provider " + p.name() + " was answering",
              null,
              e,
              attempts);
        }
        if (!e.isRetriable()) {
          throw new LlmException(
              p.name(),
              e.kind(),
              "provider " + p.name() + " refused the request: " + e.getMessage(),
              e.retryAfter().orElse(null),
              e,
              attempts);
        }
        last = e;
      } catch (RuntimeException e) {
        // The caller's listener failed, or a bug: not the provider's health.
        link.breaker().releasePermission();
        throw e;
      }
    }
    throw exhausted(attempts, last);
  }

  private LlmException exhausted(List<Attempt> attempts, @Nullable LlmException last) {
    String tried =
        attempts.stream()
            .map(
                a ->
                    a.provider()
                        + " ("
                        + (a.outcome() == Attempt.Outcome.SKIPPED_BREAKER_OPEN
                            ? "skipped: circuit breaker open"
                            : String.valueOf(a.kind()))
                        + ")")
            .collect(Collectors.joining(", "));
    Attempt lastAttempt = attempts.get(attempts.size() - 1);
    return new LlmException(
        last != null ? last.provider() : lastAttempt.provider(),
        last != null ? last.kind() : Kind.UNAVAILABLE,
        "no provider of the fallback chain answered: "
            + tried
            + (last == null ? "" : "; last error: " + last.getMessage()),
        last == null ? null : last.retryAfter().orElse(null),
        last,
        attempts);
  }

  private Duration since(Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Up when at least one provider is up; the detail lists each. Never throws. */
  @Override
  public Health health() {
    List<String> details = new ArrayList<>();
    boolean any = false;
    for (Link link : links) {
      Health h = link.provider().health();
      any |= h.available();
      details.add(
          link.provider().name()
              + ": "
              + (h.available() ? "up" : "down")
              + " ("
              + h.detail()
              + ")");
    }
    return new Health(any, String.join("; ", details));
  }

  /** Closes the providers when the chain owns them. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && closeProviders) {
      links.forEach(l -> l.provider().close());
    }
  }

  @Override
  public String toString() {
    return "FallbackProvider" + links.stream().map(l -> l.provider().name()).toList();
  }

  /**
   * Configures a {@link FallbackProvider}. Setters validate at once ({@link
   * IllegalArgumentException}); not thread-safe.
   */
  public static final class Builder {
    private final List<LlmProvider> providers = new ArrayList<>();
    private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
    private int slidingWindow = DEFAULT_SLIDING_WINDOW;
    private int minimumCalls = DEFAULT_MINIMUM_CALLS;
    private Duration waitInOpenState = DEFAULT_WAIT_IN_OPEN_STATE;
    private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;
    private Clock clock = Clock.systemUTC();
    private boolean closeProviders;

    private Builder() {}

    /** Appends a provider to the chain (tried after those added before). */
    public Builder add(LlmProvider provider) {
      Objects.requireNonNull(provider, "provider");
      if (providers.contains(provider)) {
        throw new IllegalArgumentException(provider.name() + " is already in the chain");
      }
      providers.add(provider);
      return this;
    }

    /** Failure rate in (0, 100] percent that opens a breaker. */
    public Builder failureRateThreshold(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "failureRateThreshold must be in (0, 100], got " + percent);
      }
      this.failureRateThreshold = percent;
      return this;
    }

    /** Calls each breaker looks at, at least 1. */
    public Builder slidingWindow(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("slidingWindow must be >= 1, got " + calls);
      }
      this.slidingWindow = calls;
      return this;
    }

    /** Calls needed before a breaker may open, at least 1. */
    public Builder minimumCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("minimumCalls must be >= 1, got " + calls);
      }
      this.minimumCalls = calls;
      return this;
    }

    /** How long an open breaker skips its provider; positive. */
    public Builder waitInOpenState(Duration wait) {
      Objects.requireNonNull(wait, "waitInOpenState");
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("waitInOpenState must be positive, got " + wait);
      }
      this.waitInOpenState = wait;
      return this;
    }

    /** Trial calls let through when half-open, at least 1. */
    public Builder halfOpenCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("halfOpenCalls must be >= 1, got " + calls);
      }
      this.halfOpenCalls = calls;
      return this;
    }

    /** The clock of the breakers and of the attempts' timings (tests move it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether {@link FallbackProvider#close()} closes the providers; default false. */
    public Builder closeProviders(boolean close) {
      this.closeProviders = close;
      return this;
    }

    /**
     * The chain.
     *
     * @throws IllegalStateException when no provider was added, or minimumCalls exceeds
     *     slidingWindow
     */
    public FallbackProvider build() {
      if (providers.isEmpty()) {
        throw new IllegalStateException("add at least one provider to the fallback chain");
      }
      if (minimumCalls > slidingWindow) {
        throw new IllegalStateException(
            "minimumCalls ("
                + minimumCalls
                + ") must not exceed slidingWindow ("
                + slidingWindow
                + ")");
      }
      return new FallbackProvider(this);
    }
  }
}
