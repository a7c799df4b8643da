package io.elavira.llm;

/**
 * A language model behind some transport: a local server (Ollama, llama.cpp), a cloud API, or a
 * decorator over other providers (fallback chain, consensus, cache).
 *
 * <p>Implementations are immutable after construction and thread-safe: one instance serves many
 * concurrent calls. Those holding connections or threads release them in {@link #close()}.
 *
 * <p>Errors: every failure is an {@link LlmException} whose {@link LlmException.Kind} says whether
 * it is retriable. A refusal or an empty answer is a normal {@link ChatResponse}, not an error.
 */
public interface LlmProvider extends AutoCloseable {

  /** A short stable name used in answers, traces, stats and error messages, e.g. "ollama". */
  String name();

  /** The model used when a request does not name one. */
  String defaultModel();

  /**
   * Sends the request and waits for the whole answer.
   *
   * @throws LlmException when the provider fails
   */
  ChatResponse chat(ChatRequest request);

  /**
   * Sends the request and waits for the whole answer, like {@link #chat(ChatRequest)}, until {@code
   * cancellation} fires: the call then stops promptly with an {@link LlmException} of kind {@link
   * LlmException.Kind#CANCELLED} (a time limit is enforced this way by the agent).
   *
   * <p>Unlike {@link #stream}, the provider keeps its blocking behaviour (a fallback chain still
   * moves on after a member failed half-way, as nothing reached a caller). The default runs {@link
   * #chat(ChatRequest)} on the calling thread and interrupts that thread on cancellation, so a
   * provider waiting interruptibly stops; providers that can close their connection (HTTP ones)
   * override it to do so. The interrupt is cleared before this method returns.
   *
   * @throws LlmException when the provider fails, {@link LlmException.Kind#CANCELLED} once
   *     cancelled
   */
  default ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    return InterruptOnCancel.chat(this, request, cancellation);
  }

  /**
   * Sends the request and hands the answer to {@code listener} as it is generated, then returns the
   * complete response (whose text is the concatenation of the tokens).
   *
   * <p>Blocks the calling thread until the stream ends. Cancelling {@code cancellation} stops the
   * stream promptly and makes this method throw an {@link LlmException} of kind {@link
   * LlmException.Kind#CANCELLED}.
   *
   * @throws LlmException when the provider fails before or during the stream; a failure after the
   *     first token is of kind {@link LlmException.Kind#STREAM_INTERRUPTED} unless the provider
   *     says otherwise
   */
  ChatResponse stream(ChatRequest request, TokenListener listener, Cancellation cancellation);

  /**
   * Checks whether the provider answers now, quickly (a cheap call with a short timeout).
   *
   * @return the state seen; never throws for an unreachable provider
   */
  Health health();

  /** Releases connections and threads. Idempotent. Does nothing by default. */
  @Override
  default void close() {}
}
