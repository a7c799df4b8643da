package io.elavira.document;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed document: where it came from and its content as ordered {@link Block}s.
 *
 * @param name the file name shown in sources, e.g. "terms.txt"
 * @param location where it was read from (an absolute path or a URI); identifies the document for
 *     re-ingestion
 * @param format the format it was parsed as, e.g. "txt", "md"
 * @param blocks the content in reading order, copied
 * @param metadata extra string metadata (title, author, encoding...), copied
 */
public record Document(
    String name, String location, String format, List<Block> blocks, Map<String, String> metadata) {

  /** Validates and copies. */
  public Document {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
    blocks = List.copyOf(blocks);
    metadata = Map.copyOf(metadata);
  }

  /** The whole text, blocks separated by blank lines. */
  public String text() {
    return blocks.stream().map(Block::text).collect(Collectors.joining("\n\n"));
  }

  /** Whether the document holds no text at all. */
  public boolean isBlank() {
    return blocks.stream().allMatch(b -> b.text().isBlank());
  }

  @Override
  public String toString() {
    return "Document[name=" + name + ", format=" + format + ", blocks=" + blocks.size() + "]";
  }
}
