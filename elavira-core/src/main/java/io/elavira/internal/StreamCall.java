package io.elavira.internal;

import io.elavira.Answer;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One streamed answer, run by {@link #run()} on an executor thread.
 *
 * <p>Same stages as {@link RequestPipeline#ask}, with the model's tokens handed to the listener as
 * they arrive. When the model fails before the first token (or there is none), the extractive text
 * goes to the listener as one piece. When it fails after tokens were delivered, the answer
 * completes exceptionally with that {@link LlmException} and nothing of the exchange is persisted
 * (the listener has seen a partial text; storing it as if complete would feed it back as memory).
 * {@link #cancel()} completes the answer at once with an {@link LlmException} of kind {@link
 * LlmException.Kind#CANCELLED} and nothing is persisted; a cancel that comes after the answer
 * started being persisted does nothing.
 */
public final class StreamCall implements Runnable {
  private static final int RUNNING = 0;
  private static final int FINISHING = 1;
  private static final int ENDED = 2;

  private final RequestPipeline pipeline;
  private final String userId;
  private final String conversationId;
  private final String question;
  private final TokenListener listener;
  private final long startedNanos = System.nanoTime();
  private final Cancellation cancellation = new Cancellation();
  private final CompletableFuture<Answer> answer = new CompletableFuture<>();
  private final AtomicInteger state = new AtomicInteger(RUNNING);

  /** Creates a call; the question must have passed {@link RequestPipeline#check} already. */
  public StreamCall(
      RequestPipeline pipeline,
      String userId,
      String conversationId,
      String question,
      TokenListener listener) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.userId = userId;
    this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
    this.question = question;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Completes with the answer, or exceptionally. */
  public CompletableFuture<Answer> answer() {
    return answer;
  }

  /** Stops the call; see the class documentation. Idempotent. */
  public void cancel() {
    if (state.compareAndSet(RUNNING, ENDED)) {
      cancellation.cancel();
      LlmProvider llm = pipeline.llm();
      answer.completeExceptionally(
          new LlmException(
              llm == null ? RequestPipeline.EXTRACTIVE : llm.name(),
              LlmException.Kind.CANCELLED,
              "The answer stream was cancelled by the caller."));
    }
  }

  /** Ends the call with an error (e.g. the agent was closed before it ran). */
  public void fail(Throwable error) {
    state.set(ENDED);
    answer.completeExceptionally(error);
  }

  @Override
  public void run() {
    if (state.get() != RUNNING) {
      return;
    }
    ReentrantLock lock = pipeline.lockFor(conversationId);
    lock.lock();
    try {
      if (state.get() != RUNNING) {
        return;
      }
      RequestPipeline.Turn turn = pipeline.prepare(userId, conversationId, question, startedNanos);
      RequestPipeline.Reply reply = generate(turn);
      if (reply != null && state.compareAndSet(RUNNING, FINISHING)) {
        answer.complete(pipeline.record(turn, reply));
        state.set(ENDED);
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    } finally {
      lock.unlock();
    }
  }

  /** The reply, or null when the call ended without one. */
  private RequestPipeline.Reply generate(RequestPipeline.Turn turn) {
    LlmProvider llm = pipeline.llm();
    if (llm == null) {
      return deliverWhole(pipeline.extractive(turn, false));
    }
    StringBuilder text = new StringBuilder();
    AtomicBoolean delivered = new AtomicBoolean();
    try {
      ChatResponse response =
          llm.stream(
              turn.prompt().request(),
              token -> {
                delivered.set(true);
                text.append(token);
                listener.onToken(token);
              },
              cancellation);
      return pipeline.generated(turn, response, text.toString());
    } catch (LlmException e) {
      if (cancellation.isCancelled() || e.kind() == LlmException.Kind.CANCELLED) {
        fail(e);
        return null;
      }
      if (delivered.get()) {
        pipeline.recordFailure(turn, e);
        fail(e);
        return null;
      }
      return deliverWhole(pipeline.fallback(turn, e));
    }
  }

  private RequestPipeline.Reply deliverWhole(RequestPipeline.Reply reply) {
    if (state.get() != RUNNING) {
      return null;
    }
    listener.onToken(reply.text());
    return reply;
  }
}
