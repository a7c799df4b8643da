package io.elavira;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small documents for tests: one chunk per page. */
final class Docs {
  private Docs() {}

  /** A document whose i-th page holds {@code pages[i]}. */
  static Document document(String name, String... pages) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < pages.length; i++) {
      blocks.add(new Block(BlockType.PARAGRAPH, pages[i], "Section " + (i + 1), i + 1));
    }
    return new Document(name, "/docs/" + name, "txt", blocks, Map.of());
  }

  /** One chunk per block. */
  static List<Chunk> chunks(Document document) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < document.blocks().size(); i++) {
      Block b = document.blocks().get(i);
      chunks.add(new Chunk(i, b.text(), b.section(), b.page(), Map.of()));
    }
    return chunks;
  }
}
