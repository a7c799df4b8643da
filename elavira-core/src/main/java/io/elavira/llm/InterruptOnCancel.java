package io.elavira.llm;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The default of {@link LlmProvider#chat(ChatRequest, Cancellation)}: a blocking call whose thread
 * is interrupted when the cancellation fires while it runs, never after. The interrupt it caused is
 * cleared before returning, so the calling thread goes on as if nothing happened; a call that ends
 * after the cancellation fails with {@link LlmException.Kind#CANCELLED}, whatever the provider did
 * with the interrupt. One instance per call.
 */
final class InterruptOnCancel implements Runnable {
  private final Thread caller;
  private boolean running = true;
  private boolean interrupted;

  private InterruptOnCancel(Thread caller) {
    this.caller = caller;
  }

  static ChatResponse chat(LlmProvider provider, ChatRequest request, Cancellation cancellation) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(cancellation, "cancellation");
    if (cancellation.isCancelled()) {
      throw cancelled(provider, null);
    }
    InterruptOnCancel call = new InterruptOnCancel(Thread.currentThread());
    cancellation.onCancel(call);
    ChatResponse response;
    try {
      response = provider.chat(request);
    } catch (RuntimeException e) {
      if (call.end()) {
        throw cancelled(provider, e);
      }
      throw e;
    }
    if (call.end()) {
      throw cancelled(provider, null);
    }
    return response;
  }

  /** On cancellation: interrupts the caller while the call runs. */
  @Override
  public synchronized void run() {
    if (running) {
      interrupted = true;
      caller.interrupt();
    }
  }

  /**
   * Ends the call (no interrupt can come after) and clears the interrupt it caused.
   *
   * @return whether the call was cancelled while it ran
   */
  private boolean end() {
    boolean wasInterrupted;
    synchronized (this) {
      running = false;
      wasInterrupted = interrupted;
    }
    if (wasInterrupted) {
      Thread.interrupted();
    }
    return wasInterrupted;
  }

  private static LlmException cancelled(LlmProvider provider, @Nullable Throwable cause) {
    return new LlmException(
        provider.name(),
        LlmException.Kind.CANCELLED,
        "the call was cancelled while the provider was answering",
        null,
        cause);
  }
}
