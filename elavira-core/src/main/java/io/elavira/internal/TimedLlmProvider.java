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
import org.jspecify.annotations.Nullable;

/**
 * Bounds each model call by {@code modelCallTimeout}: a stream is cancelled when the time is up; a
 * blocking {@code chat} cannot be interrupted through the SPI, so an answer that arrives late is
 * discarded. Either way the call fails with a {@link LlmException.Kind#TIMEOUT} whose message names
 * the limit and its setting, so the generation stage answers extractively (or partially) and says
 * why. The timer runs on the JDK's shared delayed executor ({@link
 * CompletableFuture#delayedExecutor}); it only cancels, it runs no user code.
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
    long started = System.nanoTime();
    ChatResponse response = delegate.chat(request);
    if (System.nanoTime() - started > timeout.toNanos()) {
      throw timedOut(null);
    }
    return response;
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Cancellation call = new Cancellation();
    cancellation.onCancel(call::cancel);
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture<Void> timer =
        CompletableFuture.runAsync(
            () -> {
              timedOut.set(true);
              call.cancel();
            },
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS));
    try {
      ChatResponse response = delegate.stream(request, listener, call);
      if (timedOut.get() && !cancellation.isCancelled()) {
        throw timedOut(null);
      }
      return response;
    } catch (RuntimeException e) {
      if (timedOut.get() && !cancellation.isCancelled()) {
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
