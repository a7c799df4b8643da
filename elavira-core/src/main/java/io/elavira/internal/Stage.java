package io.elavira.internal;

/**
 * One step of answering a question, shaped like OkHttp's {@code Interceptor}: it may act before the
 * rest of the chain ({@link Chain#proceed}), after it, around it (a lock), or instead of it (a
 * cache hit). {@link RequestChain} runs the same stages for {@code ask} and {@code stream}; they
 * differ only in the {@link Exchange}'s token listener.
 *
 * <p>Stages are stateless across requests and thread-safe; per-request state lives in the {@link
 * Exchange}.
 */
interface Stage {

  /**
   * Handles the exchange, usually by proceeding down the chain.
   *
   * @return the reply to the question
   */
  Reply handle(Exchange exchange, Chain chain);

  /** The rest of the chain after a stage. */
  interface Chain {
    /** Runs the next stage (the last stage does not call it). */
    Reply proceed(Exchange exchange);
  }
}
