package io.elavira.internal;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Bounds each model call by {@code modelCallTimeout}: when the time is up, the call's cancellation
 * fires, for a stream and a blocking {@code chat} alike ({@link LlmProvider#chat(ChatRequest,
 * Cancellation)}: an HTTP provider closes its call, any other has its thread interrupted), and an
 * answer that arrives late anyway is discarded. Either way the call fails with a {@link
 * LlmException.Kind#TIMEOUT} whose message names the limit and its setting, so the generation stage
 * answers extractively (or partially) and says why. The timer runs on the JDK's shared delayed
 * executor ({@link CompletableFuture#delayedExecutor}); it only cancels, it runs no user code.
 *
 * <p>Not closed by the chain (the model belongs to the caller); {@link #close()} does nothing.
 */
final class TimedLlmProvider implements LlmProvider {
  private final LlmProvider delegate;
  private final Duration timeout;

  TimedLlmProvider(LlmProvider delegate, Duration timeout) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String defaultModel() {
    return delegate.defaultModel();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, new Cancellation());
  }

  /**
   * The blocking call, cancelled (its HTTP call closed, or its thread interrupted) at the limit.
   */
  @Override
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    return timed(cancellation, call -> delegate.chat(request, call));
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    return timed(cancellation, call -> delegate.stream(request, listener, call));
  }

  /**
   * Runs {@code call} with a cancellation that fires when the caller cancels or the time is up; an
   * answer that arrives after the limit is discarded.
   */
  private ChatResponse timed(Cancellation caller, Function<Cancellation, ChatResponse> call) {
    Cancellation inner = new Cancellation();
    caller.onCancel(inner::cancel);
    AtomicBoolean timedOut = new AtomicBoolean();
    long started = System.nanoTime();
    CompletableFuture<Void> timer =
        CompletableFuture.runAsync(
            () -> {
              timedOut.set(true);
              inner.cancel();
            },
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS));
    try {
      ChatResponse response = call.apply(inner);
      if ((timedOut.get() || System.nanoTime() - started > timeout.toNanos())
          && !caller.isCancelled()) {
        throw timedOut(null);
      }
      return response;
    } catch (RuntimeException e) {
      if (timedOut.get() && !caller.isCancelled()) {
        throw timedOut(e);
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
  }

  @Override
  public Health health() {
    return delegate.health();
  }

  @Override
  public void close() {
    // The model is the caller's to close.
  }

  private LlmException timedOut(@Nullable Throwable cause) {
    return new LlmException(
        delegate.name(),
        LlmException.Kind.TIMEOUT,
        "model call stopped after "
            + timeout
            + "; limit modelCallTimeout="
            + timeout
            + " (GuardPolicy.modelCallTimeout)",
        null,
        cause);
  }

  @Override
  public String toString() {
    return "TimedLlmProvider[" + delegate.name() + ", " + timeout + "]";
  }
}
