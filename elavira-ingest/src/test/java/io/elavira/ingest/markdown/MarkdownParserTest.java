package io.elavira.ingest.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.SharedData;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownParserTest extends DocumentParserContract {
  private final MarkdownParser parser = new MarkdownParser();

  @Override
  protected DocumentParser parser() {
    return parser;
  }

  @Override
  protected byte[] validSample() {
    return ("# Guide\n\nElavira répond « hors ligne ».\n\n## Install\n\n- one\n- two\n\n"
            + "```bash\nmvn install\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        .getBytes(UTF_8);
  }

  @Override
  protected String validSampleName() {
    return "guide.md";
  }

  private Document parse(String markdown) {
    return parse(markdown.getBytes(UTF_8), "doc.md");
  }

  private Document parse(byte[] bytes, String name) {
    return parser.parse(new ByteArrayInputStream(bytes), name);
  }

  @Test
  void readsMdAndMarkdownFiles() {
    assertThat(parser.extensions()).containsExactlyInAnyOrder("md", "markdown");
  }

  @Test
  void givesEachBlockItsTypeAndHeadingPath() {
    Document document = parse(validSample(), "guide.md");

    assertThat(document.blocks())
        .extracting(Block::type)
        .containsExactly(
            BlockType.HEADING,
            BlockType.PARAGRAPH,
            BlockType.HEADING,
            BlockType.LIST,
            BlockType.CODE,
            BlockType.TABLE);
    assertThat(document.blocks())
        .extracting(Block::section)
        .containsExactly(
            "Guide",
            "Guide",
            "Guide > Install",
            "Guide > Install",
            "Guide > Install",
            "Guide > Install");
    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly(
            "Guide",
            "Elavira répond « hors ligne ».",
            "Install",
            "- one\n- two",
            "```bash\nmvn install\n```",
            "| a | b |\n|---|---|\n| 1 | 2 |");
    assertThat(document.metadata())
        .containsEntry(MarkdownParser.TITLE_KEY, "Guide")
        .containsEntry(MarkdownParser.ENCODING_KEY, "UTF-8");
  }

  @Test
  void popsHeadingLevelsWhenASectionCloses() {
    Document document =
        parse("# A\n\ntext a\n\n## B\n\n### C\n\ntext c\n\n## D\n\ntext d\n\n" + "# E\n\ntext e\n");

    assertThat(document.blocks())
        .filteredOn(b -> b.type() == BlockType.PARAGRAPH)
        .extracting(Block::section)
        .containsExactly("A", "A > B > C", "A > D", "E");
  }

  @Test
  void leavesTheSectionNullBeforeTheFirstHeading() {
    Document document = parse("Intro text.\n\n# Title\n\nBody.");

    assertThat(document.blocks().get(0).section()).isNull();
    assertThat(document.blocks().get(2).section()).isEqualTo("Title");
  }

  @Test
  void keepsReadableTextOfParagraphsWithoutMarkup() {
    Document document =
        parse(
            "See [the docs](https://example.org) and **bold** or _it_,\n"
                + "`code` <span>too</span>.\n\n---\n\n<!-- a comment -->\n\n> Quoted *text*.");

    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly("See the docs and bold or it,\ncode too.", "Quoted text.");
  }

  @Test
  void leavesYamlFrontMatterOutOfTheTextAndKeepsItsTitle() {
    Document document =
        parse(
            "---\ntitle: \"Notes de réunion\"\ntags: [a, b]\n---\n\n"
                + "# Ordre du jour\n\nBudget.\n");

    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly("Ordre du jour", "Budget.");
    assertThat(document.metadata()).containsEntry(MarkdownParser.TITLE_KEY, "Notes de réunion");
  }

  @Test
  void doesNotMistakeALeadingThematicBreakForFrontMatter() {
    Document document = parse("---\n\nFirst paragraph.\n\n---\n\nSecond.\n");

    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly("First paragraph.", "Second.");
  }

  @Test
  void reportsMarkupWithoutTextAsEmpty() {
    assertThatThrownBy(() -> parse("---\n\n<!-- nothing -->\n"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
  }

  @Test
  void keepsFencedCodeBlocksWholeWithTheirFences() {
    Document document = parse(SharedData.bytes("text/codeblock.md"), "codeblock.md");

    List<Block> blocks = document.blocks();
    assertThat(blocks).hasSize(5);
    assertThat(blocks)
        .extracting(Block::type)
        .containsExactly(
            BlockType.HEADING, BlockType.CODE, BlockType.HEADING, BlockType.CODE, BlockType.CODE);
    assertThat(blocks.get(0).text()).isEqualTo("HTML Example");
    assertThat(blocks.get(1).text())
        .startsWith("```html\n<!DOCTYPE html>")
        .contains("<h1>Hello, World!</h1>")
        .endsWith("</html>\n```");
    assertThat(blocks.get(4).text())
        .startsWith("```xml\n<note>")
        .endsWith("</note>\n```")
        .contains("Don't forget me this weekend!");
    assertThat(blocks.get(4).section()).isEqualTo("XML Example");
  }

  @Test
  void readsTheExampleDocsReadme() {
    Document document = parse(SharedData.bytes("text/README.md"), "README.md");

    Block first = document.blocks().get(0);
    assertThat(first.type()).isEqualTo(BlockType.HEADING);
    assertThat(first.text()).isEqualTo("Example Docs");
    assertThat(document.blocks())
        .filteredOn(b -> b.type() == BlockType.LIST)
        .hasSize(1)
        .first()
        .satisfies(list -> assertThat(list.text()).startsWith("- `example-10k.html`"));
    assertThat(document.blocks())
        .filteredOn(b -> b.type() == BlockType.CODE)
        .singleElement()
        .satisfies(
            code -> {
              assertThat(code.text()).startsWith("```bash\ncurl -O").endsWith("```");
              assertThat(code.section()).isEqualTo("Example Docs > XBRL 10-K");
            });
  }

  @Test
  void readsAPipeTableWithoutATrailingNewlineAsATable() {
    Document document = parse(SharedData.bytes("text/simple-table.md"), "simple-table.md");

    Block table = document.blocks().get(0);
    assertThat(table.type()).isEqualTo(BlockType.TABLE);
    assertThat(table.text())
        .startsWith("Item | Price | # In stock\n---|---|---\n")
        .contains("Juicy Apples | 1.99 | 739")
        .contains("Bananas | 1.89 | 6");
    assertThat(table.text().lines()).hasSize(4);
  }

  @Test
  void decodesLatin1MarkdownAndEndsWithTheUmlauts() {
    Document document = parse(SharedData.bytes("text/umlauts-non-utf8.md"), "umlauts-non-utf8.md");

    List<Block> blocks = document.blocks();
    assertThat(blocks.get(0).text()).isEqualTo("können");
    assertThat(blocks.get(blocks.size() - 1).text()).endsWith("äöüß");
    assertThat(document.metadata().get(MarkdownParser.ENCODING_KEY))
        .isIn("windows-1252", "ISO-8859-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.txt", "fake-text-all-whitespace.txt"})
  void reportsEmptyAndWhitespaceFilesAsEmpty(String fixture) {
    byte[] bytes = SharedData.bytes("text/" + fixture);

    assertThatThrownBy(() -> parse(bytes, "notes.md"))
        .isInstanceOfSatisfying(
            IngestException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.EMPTY);
              assertThat(e.file()).isEqualTo("notes.md");
            });
  }

  @Test
  void indexesTheTextOfHtmlBlocksWithoutTheirMarkup() {
    Document document =
        parse(
            "# T\n\n<div align=\"center\">\n  <img src=\"logo.png\">\n"
                + "  <p>Bienvenue &amp; bonjour&#160;!</p>\n</div>\n\n<script>var x = 1;</script>\n\n"
                + "<!-- note -->\n\n<details><summary>Plus</summary>\n\nTexte caché.\n\n</details>\n");

    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly("T", "Bienvenue & bonjour\u00A0!", "Plus", "Texte caché.");
  }

  @Test
  void dropsFrontMatterWithBlankLinesButNotProseAfterAThematicBreak() {
    Document withFrontMatter =
        parse("---\ntitle: Hello\n\ntags:\n  - a\n# comment\n---\n\n" + "Body text.\n");
    Document withBreak =
        parse("---\nNote: this opens with a rule.\nThen prose follows.\n\n" + "---\n\nEnd.\n");

    assertThat(withFrontMatter.blocks()).extracting(Block::text).containsExactly("Body text.");
    assertThat(withFrontMatter.metadata()).containsEntry(MarkdownParser.TITLE_KEY, "Hello");
    assertThat(withBreak.text()).contains("Then prose follows.", "End.");
  }
}
