package io.elavira.document;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One structural piece of a parsed document: a heading, a paragraph, a list, a code block, a table.
 *
 * @param type what the block is
 * @param text its text, never blank
 * @param section the heading path it belongs to ("Install > Maven"), or null before any heading
 * @param page the 1-based page it starts on, or null when the format has no pages
 * @param metadata extra string metadata of this block only (a chat turn's speaker, timestamp and
 *     model...), copied; chunkers carry it onto the chunks cut from the block
 */
public record Block(
    BlockType type,
    String text,
    @Nullable String section,
    @Nullable Integer page,
    Map<String, String> metadata) {
  /** Validates and copies. */
  public Block {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    if (page != null && page < 1) {
      throw new IllegalArgumentException("page must be >= 1, got " + page);
    }
    metadata = Map.copyOf(metadata);
  }

  /** A block without metadata of its own. */
  public Block(BlockType type, String text, @Nullable String section, @Nullable Integer page) {
    this(type, text, section, page, Map.of());
  }

  @Override
  public String toString() {
    return "Block["
        + type
        + ", section="
        + section
        + ", page="
        + page
        + ", chars="
        + text.length()
        + "]";
  }
}
