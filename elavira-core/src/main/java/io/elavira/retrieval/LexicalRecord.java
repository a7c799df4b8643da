package io.elavira.retrieval;

import java.util.Map;
import java.util.Objects;

/**
 * One chunk text for a {@link LexicalIndex}, with the metadata a search can filter on.
 *
 * @param id unique id within the index (Elavira uses the chunk id, as for vectors)
 * @param text the chunk text
 * @param metadata string metadata, copied
 */
public record LexicalRecord(String id, String text, Map<String, String> metadata) {
  /** Validates and copies. */
  public LexicalRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  /** Does not print the text: it may be private. */
  @Override
  public String toString() {
    return "LexicalRecord[id=" + id + ", chars=" + text.length() + ", metadata=" + metadata + "]";
  }
}
