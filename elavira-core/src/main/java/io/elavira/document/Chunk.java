package io.elavira.document;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A piece of a document small enough to embed and to put in a prompt.
 *
 * @param ordinal 0-based position of the chunk in its document
 * @param text the text that is embedded and shown to the model
 * @param section the heading path the chunk belongs to, or null
 * @param page the 1-based page it starts on, or null
 * @param metadata extra string metadata (speaker, timestamp...), copied
 */
public record Chunk(
    int ordinal,
    String text,
    @Nullable String section,
    @Nullable Integer page,
    Map<String, String> metadata) {
  /** Validates and copies. */
  public Chunk {
    Objects.requireNonNull(text, "text");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0, got " + ordinal);
    }
    metadata = Map.copyOf(metadata);
  }

  @Override
  public String toString() {
    return "Chunk[ordinal="
        + ordinal
        + ", section="
        + section
        + ", page="
        + page
        + ", chars="
        + text.length()
        + "]";
  }
}
