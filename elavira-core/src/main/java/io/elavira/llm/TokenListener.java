package io.elavira.llm;

/**
 * Receives a streamed answer piece by piece.
 *
 * <p>Called on the thread that reads the stream, in order, never concurrently for one stream. Keep
 * it quick; an exception thrown here cancels the stream and is rethrown to the caller.
 */
@FunctionalInterface
public interface TokenListener {
  /** Called with each new piece of text as it arrives (one token or a few). */
  void onToken(String token);
}
