package io.elavira.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockCleanerTest {

  @Test
  void joinsWordsHyphenatedAcrossLineEndsAndSqueezesSpacesInRunningText() {
    assertThat(
            BlockCleaner.cleanText(
                BlockType.PARAGRAPH,
                "Retrieval is usually imple-\nmented  with\u00ADout   BM25.   \n\n\n\nNext  line"))
        .isEqualTo("Retrieval is usually implemented without BM25.\n\nNext line");
  }

  @Test
  void keepsHyphensBeforeCapitalsAndIndentationOfListsAndLeavesCodeAndTablesAlone() {
    assertThat(BlockCleaner.cleanText(BlockType.PARAGRAPH, "Jean-\nPierre came"))
        .isEqualTo("Jean-\nPierre came");
    assertThat(BlockCleaner.cleanText(BlockType.LIST, "- a\n    - nested  item"))
        .isEqualTo("- a\n    - nested item");
    String code = "if  (x) {\n    return  y;   \n}";
    assertThat(BlockCleaner.cleanText(BlockType.CODE, code)).isEqualTo(code);
    String table = "| a  |  b |\n| --- | --- |";
    assertThat(BlockCleaner.cleanText(BlockType.TABLE, table)).isEqualTo(table);
  }

  @Test
  void dropsBlocksLeftBlankAndKeepsTheirMetadata() {
    Document document =
        new Document(
            "a.txt",
            "/a.txt",
            "txt",
            List.of(
                new Block(BlockType.PARAGRAPH, "\u200B\u00AD", null, null),
                new Block(BlockType.TURN, "User:  hi", "Chat", null, Map.of("speaker", "user"))),
            Map.of());

    Document cleaned = BlockCleaner.clean(document);

    assertThat(cleaned.blocks())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.text()).isEqualTo("User: hi");
              assertThat(b.metadata()).containsEntry("speaker", "user");
            });
  }

  @Test
  void removesLinesRepeatedAtTheTopOrBottomOfMostPagesOnly() {
    List<List<String>> pages =
        List.of(
            List.of("ACME Corp — Annual report\nIntro text.", "Page 1 of 4"),
            List.of("ACME Corp — Annual report\nResults rose.", "Page 2 of 4"),
            List.of("ACME Corp — Annual report\nCosts fell.", "Page 3 of 4"),
            List.of("Outlook is good.", "Page 4 of 4"));

    List<List<String>> cleaned = PageCleaner.withoutRunningHeaders(pages);

    assertThat(cleaned)
        .containsExactly(
            List.of("Intro text."),
            List.of("Results rose."),
            List.of("Costs fell."),
            List.of("Outlook is good."));
    List<List<String>> twoPages = List.of(List.of("Same", "x"), List.of("Same", "y"));
    assertThat(PageCleaner.withoutRunningHeaders(twoPages)).isEqualTo(twoPages);
  }
}
