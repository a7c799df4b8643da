package io.elavira.generate.internal;

import io.elavira.generate.FactSource;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Not API. A document's text back as lines, each with the chunk it was read from. The repeated
 * prefix a chunker put at the start of a chunk (metadata {@value #OVERLAP_CHARS_KEY}, as {@code
 * RecursiveChunker} writes it) is skipped, so no line is read twice.
 */
public final class SourceLines {
  /** The chunk metadata key giving how many leading characters repeat the previous chunk. */
  public static final String OVERLAP_CHARS_KEY = "overlapChars";

  private SourceLines() {}

  /**
   * One line of a document.
   *
   * @param text the line, stripped
   * @param section the chunk's heading path, or null
   * @param source the chunk it was read from (its passage is the whole chunk text)
   */
  public record Line(
      String text, @org.jspecify.annotations.Nullable String section, FactSource source) {
    /** The source narrowed to this line's text as passage. */
    public FactSource lineSource() {
      return new FactSource(
          source.documentId(), source.document(), source.page(), source.chunk(), text);
    }
  }

  /** The non-blank lines of a document's chunks, in reading order. */
  public static List<Line> of(DocumentRecord document, List<ChunkRecord> chunks) {
    List<ChunkRecord> ordered = new ArrayList<>(chunks);
    ordered.sort(Comparator.comparingInt(ChunkRecord::ordinal));
    List<Line> lines = new ArrayList<>();
    for (ChunkRecord chunk : ordered) {
      String text = chunk.text();
      int skip = overlap(chunk);
      if (skip > 0 && skip <= text.length()) {
        text = text.substring(skip);
      }
      FactSource source =
          new FactSource(
              document.id(), document.name(), chunk.page(), chunk.ordinal(), chunk.text());
      for (String raw : text.split("\\R")) {
        String line = raw.strip();
        if (!line.isEmpty()) {
          lines.add(new Line(line, chunk.section(), source));
        }
      }
    }
    return lines;
  }

  private static int overlap(ChunkRecord chunk) {
    String value = chunk.metadata().get(OVERLAP_CHARS_KEY);
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
