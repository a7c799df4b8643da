package io.elavira.llm.http.internal;

import io.elavira.llm.TokenListener;
import org.jspecify.annotations.Nullable;

/**
 * Collects a streamed answer as its pieces arrive: answer text goes to the listener, reasoning text
 * is kept apart. Used by one stream on one thread. Not API.
 */
public final class StreamAssembly {
  private final TokenListener listener;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private boolean started;

  /** An assembly that hands answer pieces to {@code listener}. */
  public StreamAssembly(TokenListener listener) {
    this.listener = listener;
  }

  /** Appends a piece of the answer and hands it to the listener; empty pieces are dropped. */
  public void answer(@Nullable String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    started = true;
    text.append(piece);
    listener.onToken(piece);
  }

  /** Appends a piece of reasoning; it never reaches the listener. */
  public void thinking(@Nullable String piece) {
    if (piece != null) {
      thinking.append(piece);
    }
  }

  /** Whether some answer text reached the listener. */
  public boolean started() {
    return started;
  }

  /** The answer so far. */
  public String text() {
    return text.toString();
  }

  /** The reasoning so far, or null when there was none. */
  public @Nullable String thinkingOrNull() {
    return thinking.length() == 0 ? null : thinking.toString();
  }
}
