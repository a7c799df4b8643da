package io.elavira;

import io.elavira.llm.LlmException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An answer being streamed by {@link ElaviraAgent#stream}: tokens go to the listener as they are
 * generated, and {@link #answer()} completes with the full {@link Answer} (the same one {@link
 * ElaviraAgent#ask} would return, whose text is the concatenation of the tokens).
 *
 * <p>Thread-safe: {@link #cancel()} may be called from any thread, including the listener.
 *
 * <p>Outcomes: the answer completes normally — generated; extractive when the model failed before
 * its first token; or {@link Answer#partial() partial} when it failed after tokens were delivered
 * (the text is what the listener saw, the reason names the provider that failed, and nothing of
 * that exchange becomes conversation memory) — or exceptionally with an {@link LlmException} of
 * kind {@link LlmException.Kind#CANCELLED} after {@link #cancel()}; exceptionally with another
 * {@link ElaviraException} when the store failed, or {@link IllegalStateException} when the agent
 * was closed before the stream ran.
 */
public final class AnswerStream {
  private final CompletableFuture<Answer> answer;
  private final Runnable canceller;

  AnswerStream(CompletableFuture<Answer> answer, Runnable canceller) {
    this.answer = Objects.requireNonNull(answer, "answer");
    this.canceller = Objects.requireNonNull(canceller, "canceller");
  }

  /**
   * Stops the stream: the provider's call is cancelled, {@link #answer()} completes exceptionally
   * with an {@link LlmException} of kind {@link LlmException.Kind#CANCELLED}, and nothing is
   * persisted. Does nothing when the answer is already complete. Idempotent.
   */
  public void cancel() {
    canceller.run();
  }

  /**
   * The answer, completing when the stream ends. Completing this future by hand does not stop the
   * stream; call {@link #cancel()} for that.
   */
  public CompletableFuture<Answer> answer() {
    return answer;
  }

  /**
   * Waits for the answer.
   *
   * @return the complete answer
   * @throws ElaviraException (such as {@link LlmException}) when the stream failed or was cancelled
   * @throws IllegalStateException when the agent was closed
   * @throws LlmException of kind CANCELLED when the waiting thread is interrupted (the stream is
   *     cancelled and the interrupt flag restored)
   */
  public Answer await() {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new LlmException(
          "elavira",
          LlmException.Kind.CANCELLED,
          "Interrupted while waiting for a streamed answer; the stream was cancelled.",
          null,
          e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new ElaviraException("The streamed answer failed: " + cause, cause);
    } catch (CancellationException e) {
      throw new LlmException(
          "elavira",
          LlmException.Kind.CANCELLED,
          "The streamed answer's future was cancelled.",
          null,
          e);
    }
  }

  @Override
  public String toString() {
    return "AnswerStream["
        + (answer.isDone() ? (answer.isCompletedExceptionally() ? "failed" : "done") : "running")
        + "]";
  }
}
