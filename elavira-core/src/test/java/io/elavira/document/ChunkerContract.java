package io.elavira.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Chunker} meets. Extend it in the chunker's test and provide the
 * chunker; override {@link #sampleDocument()} to run the contract on a document of your own.
 */
public abstract class ChunkerContract {

  /** The chunker under test. */
  protected abstract Chunker chunker();

  /**
   * A document with several sections, paragraphs long enough to need splitting, a list, code and a
   * table, in English and French.
   */
  protected Document sampleDocument() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block(BlockType.HEADING, "Guide", "Guide", 1));
    blocks.add(
        new Block(
            BlockType.PARAGRAPH,
            "Elavira answers questions about your own documents. It runs offline by default.",
            "Guide",
            1));
    blocks.add(new Block(BlockType.HEADING, "Installation", "Guide > Installation", 1));
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      longText
          .append("Phrase numéro ")
          .append(i)
          .append(" : l’agent lit « tous » vos fichiers ; vraiment ? Oui ! ");
    }
    blocks.add(
        new Block(BlockType.PARAGRAPH, longText.toString().strip(), "Guide > Installation", 2));
    blocks.add(
        new Block(
            BlockType.LIST,
            "- first item\n- second item\n- third item",
            "Guide > Installation",
            3));
    blocks.add(
        new Block(
            BlockType.CODE,
            "```xml\n<dependency>\n  <artifactId>elavira-core"
                + "</artifactId>\n</dependency>\n```",
            "Guide > Installation",
            3));
    blocks.add(new Block(BlockType.HEADING, "Prices", "Guide > Prices", 4));
    blocks.add(
        new Block(
            BlockType.TABLE,
            "Item | Price\n---|---\nApples | 1.99\nPears | 2.50",
            "Guide > Prices",
            4));
    return new Document("guide.md", "/docs/guide.md", "md", blocks, Map.of());
  }

  @Test
  void givesNoChunksForABlankDocument() {
    Document noBlocks = new Document("empty.txt", "/empty.txt", "txt", List.of(), Map.of());
    Document blankBlocks =
        new Document(
            "blank.txt",
            "/blank.txt",
            "txt",
            List.of(new Block(BlockType.PARAGRAPH, "  \n\t ", null, null)),
            Map.of());

    assertThat(chunker().chunk(noBlocks)).isEmpty();
    assertThat(chunker().chunk(blankBlocks)).isEmpty();
  }

  @Test
  void numbersChunksFromZeroInReadingOrder() {
    List<Chunk> chunks = chunker().chunk(sampleDocument());

    assertThat(chunks).isNotEmpty();
    assertThat(chunks)
        .extracting(Chunk::ordinal)
        .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
  }

  @Test
  void neverGivesABlankChunk() {
    assertThat(chunker().chunk(sampleDocument()))
        .allSatisfy(chunk -> assertThat(chunk.text()).isNotBlank());
  }

  @Test
  void keepsEveryWordOfTheDocument() {
    Document document = sampleDocument();
    Set<String> chunkWords = new HashSet<>();
    for (Chunk chunk : chunker().chunk(document)) {
      chunkWords.addAll(List.of(chunk.text().split("\\s+")));
    }

    assertThat(chunkWords).containsAll(List.of(document.text().strip().split("\\s+")));
  }

  @Test
  void givesSectionsAndPagesThatComeFromTheDocument() {
    Document document = sampleDocument();
    Set<String> sections = new HashSet<>();
    Set<Integer> pages = new HashSet<>();
    document
        .blocks()
        .forEach(
            b -> {
              sections.add(b.section());
              pages.add(b.page());
            });

    assertThat(chunker().chunk(document))
        .allSatisfy(
            chunk -> {
              assertThat(sections).contains(chunk.section());
              assertThat(pages).contains(chunk.page());
            });
  }

  @Test
  void isDeterministicAcrossCallsAndThreads() throws Exception {
    Chunker chunker = chunker();
    List<Chunk> first = chunker.chunk(sampleDocument());

    List<Chunk> again = chunker.chunk(sampleDocument());
    List<Chunk> elsewhere =
        CompletableFuture.supplyAsync(() -> chunker.chunk(sampleDocument())).get();

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isEqualTo(first);
  }
}
