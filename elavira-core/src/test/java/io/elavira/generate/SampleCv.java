package io.elavira.generate;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample CV written for the project (docs/examples/cv-camille-martin.md) and job offers, and a
 * Markdown chunking like the ingestion module's: headings without their '#', one chunk per heading
 * with the text under it, the heading path as section.
 */
final class SampleCv {
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  private SampleCv() {}

  static String text(String file) {
    try {
      return Files.readString(EXAMPLES.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String cv() {
    return text("cv-camille-martin.md");
  }

  static String jobFr() {
    return text("offre-ingenieur-backend.md");
  }

  static String jobEn() {
    return text("job-offer-backend-engineer.md");
  }

  static Document document(String name, String markdown) {
    List<Block> blocks = new ArrayList<>();
    for (Chunk c : chunks(markdown)) {
      blocks.add(new Block(BlockType.PARAGRAPH, c.text(), c.section(), null));
    }
    return new Document(name, "/home/camille/" + name, "md", blocks, Map.of());
  }

  /** One chunk per heading and the text under it. */
  static List<Chunk> chunks(String markdown) {
    List<Chunk> chunks = new ArrayList<>();
    List<String> path = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String section = null;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("#")) {
        if (!text.toString().isBlank()) {
          chunks.add(new Chunk(chunks.size(), text.toString().strip(), section, null, Map.of()));
        }
        int level = line.indexOf(' ');
        String heading = line.substring(level + 1).strip();
        while (path.size() >= level) {
          path.remove(path.size() - 1);
        }
        path.add(heading);
        section = String.join(" > ", path);
        text = new StringBuilder(heading).append("\n\n");
      } else {
        text.append(line).append('\n');
      }
    }
    if (!text.toString().isBlank()) {
      chunks.add(new Chunk(chunks.size(), text.toString().strip(), section, null, new HashMap<>()));
    }
    return chunks;
  }
}
