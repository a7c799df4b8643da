package io.elavira.internal;

import io.elavira.Answer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

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
