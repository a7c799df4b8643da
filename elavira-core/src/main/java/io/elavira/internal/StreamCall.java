package io.elavira.internal;

import io.elavira.Answer;
import io.elavira.ElaviraException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One streamed answer: the {@link RequestChain} run by {@link #run()} on an executor thread, with
 * the exchange's tokens going to the caller's listener.
 *
 * <p>{@link #cancel()} completes the answer at once with an {@link io.elavira.llm.LlmException} of
 * kind CANCELLED, and nothing is persisted; a cancel that comes after the answer started being
 * persisted does nothing. Thread-safe.
 */
public final class StreamCall implements Runnable {
  private final RequestChain chain;
  private final Exchange exchange;
  private final CompletableFuture<Answer> answer = new CompletableFuture<>();

  StreamCall(RequestChain chain, Exchange exchange) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
  }

  /** Completes with the answer, or exceptionally. */
  public CompletableFuture<Answer> answer() {
    return answer;
  }

  /** Stops the call; see the class documentation. Idempotent. */
  public void cancel() {
    if (exchange.cancel()) {
      answer.completeExceptionally(chain.cancelled());
    }
  }

  /** Ends the call with an error (e.g. the agent was closed before it ran). */
  public void fail(Throwable error) {
    exchange.cancel();
    answer.completeExceptionally(error);
  }

  /**
   * Hands the call to {@code executor}, to run while {@code state} is open: a call that reaches its
   * thread after the agent closed ends with the closed exception. When the executor refuses it, the
   * call ends at once: with the closed exception when the agent closed, else with an {@link
   * ElaviraException} saying that too many answers are streaming on agent {@code agentId}.
   */
  public void start(Executor executor, OpenState state, String agentId) {
    try {
      executor.execute(() -> runWhileOpen(state));
    } catch (RejectedExecutionException e) {
      fail(
          state.isClosed()
              ? state.closedException()
              : new ElaviraException(
                  "Too many answers are streaming at once on agent "
                      + agentId
                      + "; try again when some have finished.",
                  e));
    }
  }

  private void runWhileOpen(OpenState state) {
    try {
      state.call(
          () -> {
            run();
            return null;
          });
    } catch (IllegalStateException e) {
      fail(e); // closed before the stream ran; run() itself never throws
    }
  }

  @Override
  public void run() {
    if (answer.isDone()) {
      return;
    }
    try {
      answer.complete(chain.execute(exchange));
    } catch (RuntimeException | Error e) {
      answer.completeExceptionally(e);
    }
  }
}
