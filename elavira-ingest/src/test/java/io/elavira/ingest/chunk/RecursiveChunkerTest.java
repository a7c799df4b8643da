package io.elavira.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Chunker;
import io.elavira.document.ChunkerContract;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.ingest.SharedData;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.text.PlainTextParser;
import io.elavira.llm.TokenCounter;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecursiveChunkerTest extends ChunkerContract {
  private static final TokenCounter ESTIMATING = TokenCounter.estimating();

  @Override
  protected Chunker chunker() {
    return RecursiveChunker.builder().maxTokens(60).overlapTokens(10).build();
  }

  private static Document doc(Block... blocks) {
    return new Document("doc.md", "/doc.md", "md", List.of(blocks), Map.of());
  }

  private static Block block(BlockType type, String text, String section) {
    return new Block(type, text, section, null);
  }

  private static String sentences(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> prefix + " sentence number " + i + " ends here.")
        .collect(Collectors.joining(" "));
  }

  @Test
  void packsSmallBlocksOfASectionIntoOneChunkWithTheHeadingFirst() {
    Document document =
        doc(
            block(BlockType.HEADING, "Install", "Install"),
            block(BlockType.PARAGRAPH, "Add the dependency.", "Install"),
            block(BlockType.LIST, "- Maven\n- Gradle", "Install"));

    List<Chunk> chunks = RecursiveChunker.builder().build().chunk(document);

    assertThat(chunks)
        .singleElement()
        .satisfies(
            chunk -> {
              assertThat(chunk.text())
                  .isEqualTo("Install\n\nAdd the dependency.\n\n- Maven\n- Gradle");
              assertThat(chunk.section()).isEqualTo("Install");
              assertThat(chunk.metadata())
                  .containsEntry(RecursiveChunker.BLOCK_TYPES_KEY, "HEADING,PARAGRAPH,LIST")
                  .doesNotContainKey(RecursiveChunker.OVERLAP_CHARS_KEY);
            });
  }

  @Test
  void neverMixesSectionsAndNeverOverlapsAcrossThem() {
    Document document =
        doc(
            block(BlockType.HEADING, "One", "One"),
            block(BlockType.PARAGRAPH, "Alpha text.", "One"),
            block(BlockType.HEADING, "Two", "Two"),
            block(BlockType.PARAGRAPH, "Beta text.", "Two"));

    List<Chunk> chunks = RecursiveChunker.builder().build().chunk(document);

    assertThat(chunks)
        .extracting(Chunk::text)
        .containsExactly("One\n\nAlpha text.", "Two\n\nBeta text.");
    assertThat(chunks).extracting(Chunk::section).containsExactly("One", "Two");
  }

  @Test
  void carriesATitleWithNoTextIntoItsFirstSubsection() {
    Document document =
        doc(
            block(BlockType.HEADING, "Guide", "Guide"),
            block(BlockType.HEADING, "Install", "Guide > Install"),
            block(BlockType.PARAGRAPH, "Run the installer.", "Guide > Install"));

    List<Chunk> chunks = RecursiveChunker.builder().build().chunk(document);

    assertThat(chunks)
        .singleElement()
        .satisfies(
            chunk -> {
              assertThat(chunk.text()).isEqualTo("Guide\n\nInstall\n\nRun the installer.");
              assertThat(chunk.section()).isEqualTo("Guide > Install");
            });
  }

  @Test
  void keepsAHeadingWithTheTextThatFollowsWhenTheChunkIsFull() {
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(40).overlapTokens(0).build();
    Document document =
        doc(
            block(BlockType.PARAGRAPH, sentences("First", 3), null),
            block(BlockType.HEADING, "Next topic", null),
            block(BlockType.PARAGRAPH, sentences("Second", 2), null));

    List<Chunk> chunks = chunker.chunk(document);

    assertThat(chunks).extracting(Chunk::text).noneMatch(t -> t.endsWith("Next topic"));
    assertThat(chunks)
        .filteredOn(c -> c.text().contains("Next topic"))
        .singleElement()
        .satisfies(c -> assertThat(c.text()).startsWith("Next topic\n\nSecond sentence"));
  }

  @Test
  void keepsACodeBlockWholeWhenItFitsInAChunk() {
    String code =
        "```java\n"
            + IntStream.range(0, 12)
                .mapToObj(i -> "int v" + i + " = " + i + ";")
                .collect(Collectors.joining("\n"))
            + "\n```";
    Document document =
        doc(
            block(BlockType.PARAGRAPH, sentences("Intro", 6), "S"),
            block(BlockType.CODE, code, "S"));
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(80).overlapTokens(10).build();

    List<Chunk> chunks = chunker.chunk(document);

    assertThat(ESTIMATING.count(code)).isLessThanOrEqualTo(80);
    assertThat(chunks).anySatisfy(c -> assertThat(c.text()).isEqualTo(code));
  }

  @Test
  void splitsAnOversizedCodeBlockKeepingItsFencesOnEveryPiece() {
    String code =
        "```python\n"
            + IntStream.range(0, 60)
                .mapToObj(i -> "x" + i + " = f(" + i + ")")
                .collect(Collectors.joining("\n"))
            + "\n```";
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(50).overlapTokens(5).build();

    List<Chunk> chunks = chunker.chunk(doc(block(BlockType.CODE, code, null)));

    assertThat(chunks)
        .hasSizeGreaterThan(2)
        .allSatisfy(
            c -> {
              assertThat(c.text()).startsWith("```python\n").endsWith("\n```");
              assertThat(ESTIMATING.count(c.text())).isLessThanOrEqualTo(50);
            });
    assertThat(chunks).extracting(Chunk::text).noneMatch(t -> t.contains("\n\n"));
  }

  @Test
  void repeatsTheHeaderRowsOnEveryPieceOfASplitTable() {
    String table =
        "Item | Price\n---|---\n"
            + IntStream.range(0, 40)
                .mapToObj(i -> "Fruit " + i + " | " + i + ".99")
                .collect(Collectors.joining("\n"));
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(60).overlapTokens(10).build();

    List<Chunk> chunks = chunker.chunk(doc(block(BlockType.TABLE, table, "Prices")));

    assertThat(chunks)
        .hasSizeGreaterThan(2)
        .allSatisfy(c -> assertThat(c.text()).startsWith("Item | Price\n---|---\nFruit "));
    assertThat(String.join("\n", chunks.stream().map(Chunk::text).toList()))
        .contains("Fruit 0 | 0.99", "Fruit 39 | 39.99");
  }

  @Test
  void splitsFrenchSentencesAfterTheirPunctuationAndGuillemets() {
    String text =
        "Il a dit : « Bonjour. » Puis il est parti ! Reviendra-t-il ? "
            + "Personne ne le sait ; on attend.";
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(15).overlapTokens(0).build();

    List<Chunk> chunks = chunker.chunk(doc(block(BlockType.PARAGRAPH, text, null)));

    assertThat(chunks)
        .extracting(Chunk::text)
        .allSatisfy(
            t -> {
              assertThat(t)
                  .doesNotStartWith("»")
                  .doesNotStartWith("!")
                  .doesNotStartWith("?")
                  .doesNotStartWith(";")
                  .doesNotStartWith(":")
                  .doesNotEndWith("«");
            });
    assertThat(chunks)
        .extracting(Chunk::text)
        .containsExactly(
            "Il a dit : « Bonjour. »",
            "Puis il est parti ! Reviendra-t-il ?",
            "Personne ne le sait ; on attend.");
  }

  @Test
  void startsTheNextChunkOfASectionWithTheTailOfThePreviousOne() {
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(80).overlapTokens(20).build();
    Document document = doc(block(BlockType.PARAGRAPH, sentences("Long", 12), "S"));

    List<Chunk> chunks = chunker.chunk(document);

    assertThat(chunks).hasSizeGreaterThan(2);
    for (int i = 1; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      int overlapChars = Integer.parseInt(chunk.metadata().get(RecursiveChunker.OVERLAP_CHARS_KEY));
      String overlap = chunk.text().substring(0, overlapChars).strip();
      assertThat(chunks.get(i - 1).text()).endsWith(overlap);
      assertThat(ESTIMATING.count(overlap)).isBetween(1, 20);
      assertThat(overlap).matches("Long sentence number \\d+ ends here\\.");
    }
  }

  @Test
  void overlapsWholeBlocksWithWholeSentencesOnlyInsideANamedSection() {
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(80).overlapTokens(20).build();
    Block first = block(BlockType.PARAGRAPH, sentences("A", 5), "S");
    Block second = block(BlockType.PARAGRAPH, sentences("B", 5), "S");

    List<Chunk> inSection = chunker.chunk(doc(first, second));
    List<Chunk> plain =
        chunker.chunk(
            doc(
                block(BlockType.PARAGRAPH, first.text(), null),
                block(BlockType.PARAGRAPH, second.text(), null)));

    assertThat(inSection)
        .extracting(Chunk::text)
        .containsExactly(first.text(), "A sentence number 4 ends here.\n\n" + second.text());
    assertThat(plain).extracting(Chunk::text).containsExactly(first.text(), second.text());
  }

  @Test
  void addsNoOverlapWhenItIsDisabled() {
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(50).overlapTokens(0).build();

    List<Chunk> chunks = chunker.chunk(doc(block(BlockType.PARAGRAPH, sentences("L", 12), "S")));

    String joined = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
    assertThat(joined).isEqualTo(sentences("L", 12));
  }

  @Test
  void cutsAWordLongerThanTheBudgetIntoPieces() {
    String word = "x".repeat(500);
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(20).overlapTokens(0).build();

    List<Chunk> chunks = chunker.chunk(doc(block(BlockType.PARAGRAPH, word, null)));

    assertThat(chunks)
        .hasSizeGreaterThan(1)
        .allSatisfy(c -> assertThat(ESTIMATING.count(c.text())).isLessThanOrEqualTo(20));
    assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining())).isEqualTo(word);
  }

  /** Wraps a counter and adds up the characters it was asked to count. */
  private static final class MeteredCounter implements TokenCounter {
    private final TokenCounter delegate;
    private final java.util.concurrent.atomic.AtomicLong chars =
        new java.util.concurrent.atomic.AtomicLong();

    MeteredCounter(TokenCounter delegate) {
      this.delegate = delegate;
    }

    @Override
    public int count(String text) {
      chars.addAndGet(text.length());
      return delegate.count(text);
    }
  }

  @Test
  void cutsAVeryLongWordInLinearTime() {
    Random random = new Random(7);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < 300_000; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    MeteredCounter counter = new MeteredCounter(ESTIMATING);

    List<Chunk> chunks =
        RecursiveChunker.builder()
            .tokenCounter(counter)
            .build()
            .chunk(doc(block(BlockType.PARAGRAPH, word.toString(), null)));

    assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining()))
        .isEqualTo(word.toString());
    // Bisecting over the whole rest of the text for every piece counted ~100x the length here.
    assertThat(counter.chars.get()).isLessThan(20L * word.length());
  }

  @Test
  void countsAHugeParagraphAFewTimesNotOncePerGrowingCandidate() {
    Random random = new Random(3);
    String[] words = {"le", "agent", "lit", "vos", "fichiers", "hors", "ligne", "réponse"};
    StringBuilder text = new StringBuilder();
    while (text.length() < 1_000_000) {
      text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
    }
    MeteredCounter counter = new MeteredCounter(ESTIMATING);

    List<Chunk> chunks =
        RecursiveChunker.builder()
            .tokenCounter(counter)
            .build()
            .chunk(doc(block(BlockType.PARAGRAPH, text.toString().strip(), null)));

    assertThat(chunks)
        .allSatisfy(
            c ->
                assertThat(ESTIMATING.count(c.text()))
                    .isLessThanOrEqualTo(RecursiveChunker.DEFAULT_MAX_TOKENS));
    // Counting every growing candidate counted ~15x the length; summing counts needs ~6x.
    assertThat(counter.chars.get()).isLessThan(10L * text.length());
  }

  @Test
  void countsEachShortBlockOnceInsteadOfTheGrowingChunkAtEveryBlock() {
    // A PDF page or a list gives many short blocks per chunk; counting the chunk again each time a
    // block joins it cost about (blocks per chunk / 2) times the text.
    List<Block> blocks = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String line = "Line " + i + " of the handbook says one short thing.";
      blocks.add(block(BlockType.PARAGRAPH, line, "Handbook"));
      all.append(line);
    }
    MeteredCounter counter = new MeteredCounter(ESTIMATING);

    List<Chunk> chunks =
        RecursiveChunker.builder()
            .tokenCounter(counter)
            .build()
            .chunk(doc(blocks.toArray(Block[]::new)));

    assertThat(chunks).hasSizeGreaterThan(10);
    assertThat(chunks)
        .allSatisfy(
            c ->
                assertThat(ESTIMATING.count(c.text()))
                    .isLessThanOrEqualTo(RecursiveChunker.DEFAULT_MAX_TOKENS));
    // Each block once, each chunk once to check it, and the overlap sentences: about 2.3x.
    assertThat(counter.chars.get()).isLessThan(3L * all.length());
  }

  @Test
  void keepsEveryChunkWithinTheBudgetWhenTheCounterIsNotAdditiveOverBlankLines() {
    // Blocks are packed by adding up their counts; a counter for which a blank line costs tokens
    // makes those sums too low, and the exact count of each chunk must catch it.
    TokenCounter blankLinesCost =
        text -> ESTIMATING.count(text) + 4 * (text.split("\n\n", -1).length - 1);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      blocks.add(block(BlockType.PARAGRAPH, "Block " + i + " holds a few words.", "S"));
    }
    Document document = doc(blocks.toArray(Block[]::new));

    List<Chunk> chunks =
        RecursiveChunker.builder()
            .maxTokens(40)
            .overlapTokens(10)
            .tokenCounter(blankLinesCost)
            .build()
            .chunk(document);

    assertThat(chunks)
        .allSatisfy(c -> assertThat(blankLinesCost.count(c.text())).isLessThanOrEqualTo(40));
    String all = chunks.stream().map(Chunk::text).collect(Collectors.joining("\n\n"));
    assertThat(blocks).allSatisfy(b -> assertThat(all).contains(b.text()));
    assertProperties(document, blankLinesCost);
  }

  @Test
  void boundsTheCharactersOfAChunkEvenWhenTheCounterSeesOneToken() {
    // WordPiece counts any word over 100 characters as a single [UNK]; such text must still be cut.
    TokenCounter oneTokenPerWord = t -> t.isBlank() ? 0 : t.strip().split("\\s+").length;
    String blob = "x".repeat(50_000);

    List<Chunk> chunks =
        RecursiveChunker.builder()
            .maxTokens(100)
            .overlapTokens(0)
            .tokenCounter(oneTokenPerWord)
            .build()
            .chunk(doc(block(BlockType.PARAGRAPH, "Intro " + blob + " outro", null)));

    assertThat(chunks)
        .hasSizeGreaterThan(1)
        .allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(100 * 12));
    assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining()).replace(" ", ""))
        .isEqualTo("Intro" + blob + "outro");
  }

  @Test
  void givesEachChunkThePageOfItsFirstBlock() {
    Document document =
        new Document(
            "d.pdf",
            "/d.pdf",
            "pdf",
            List.of(
                new Block(BlockType.PARAGRAPH, sentences("P1", 8), null, 1),
                new Block(BlockType.PARAGRAPH, sentences("P2", 8), null, 2)),
            Map.of());
    RecursiveChunker chunker = RecursiveChunker.builder().maxTokens(50).overlapTokens(0).build();

    List<Chunk> chunks = chunker.chunk(document);

    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.page()).isEqualTo(c.text().startsWith("P1") ? 1 : 2));
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> RecursiveChunker.builder().maxTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> RecursiveChunker.builder().overlapTokens(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlapTokens");
    assertThatThrownBy(() -> RecursiveChunker.builder().maxTokens(40).overlapTokens(30).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("half of maxTokens");
    assertThatThrownBy(() -> RecursiveChunker.builder().tokenCounter(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void usesTheDefaultsOfTheAgreedApi() {
    RecursiveChunker chunker = RecursiveChunker.builder().build();

    assertThat(chunker.maxTokens()).isEqualTo(200);
    assertThat(chunker.overlapTokens()).isEqualTo(30);
  }

  // ---- property-style checks over the shared fixtures and generated texts ----

  private static final int[][] SETTINGS = {{8, 0}, {20, 5}, {50, 10}, {100, 30}, {200, 30}};

  private static void assertProperties(Document document, TokenCounter counter) {
    for (int[] setting : SETTINGS) {
      RecursiveChunker chunker =
          RecursiveChunker.builder()
              .maxTokens(setting[0])
              .overlapTokens(setting[1])
              .tokenCounter(counter)
              .build();
      List<Chunk> chunks = chunker.chunk(document);
      String context = document.name() + " at " + setting[0] + "/" + setting[1];
      assertThat(chunks)
          .as(context)
          .allSatisfy(
              c -> {
                assertThat(counter.count(c.text())).isLessThanOrEqualTo(setting[0]);
                assertThat(c.text()).isNotBlank();
              });
      assertThat(chunks)
          .extracting(Chunk::ordinal)
          .as(context)
          .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
      String all = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
      // A word is only cut when it (with the French punctuation bound to it) exceeds the budget
      // of a piece, maxTokens - overlapTokens; words well within it must appear whole.
      int wholeWordTokens = (setting[0] - setting[1]) / 2;
      for (String word : document.text().split("\\s+")) {
        if (!word.isEmpty() && counter.count(word) <= wholeWordTokens) {
          assertThat(all).as(context + ", word " + word).contains(word);
        }
      }
      assertThat(chunker.chunk(document)).as(context).isEqualTo(chunks);
    }
  }

  @Test
  void respectsTheBudgetAndKeepsEveryWordOfEverySharedTextFixture() throws Exception {
    String[] fixtures = {
      "text/README.md",
      "text/codeblock.md",
      "text/simple-table.md",
      "text/umlauts-non-utf8.md",
      "text/fake-text-utf-16.txt",
      "text/miles-of-smiles-terms-of-use.txt",
      "cross-format/eng_spa_mult.txt",
      "cross-format/eng_spa_mult.md",
      "cross-format/story-about-happy-carrot.txt"
    };
    for (String fixture : fixtures) {
      DocumentParser parser =
          fixture.endsWith(".md") ? new MarkdownParser() : new PlainTextParser();
      Document document =
          parser.parse(
              new ByteArrayInputStream(SharedData.bytes(fixture)),
              fixture.substring(fixture.indexOf('/') + 1));
      assertProperties(document, ESTIMATING);
      assertProperties(document, text -> text.isBlank() ? 0 : text.strip().split("\\s+").length);
    }
  }

  @Test
  void respectsTheBudgetAndKeepsEveryWordOfGeneratedTexts() {
    String[] vocabulary = {
      "le",
      "chat",
      "dort",
      "l’été",
      "«",
      "»",
      "!",
      "?",
      ";",
      ":",
      "café",
      "extraordinairement",
      "https://example.org/a/very/long/path?with=query&and=more",
      "the",
      "agent",
      "answers",
      "questions.",
      "Pourquoi",
      "pas",
      "?",
      "\n",
      "\n\n",
      "-",
      "1.",
      "naïve",
      "Straße",
      "数据",
      "😀",
      "x".repeat(90)
    };
    Random random = new Random(7);
    for (int d = 0; d < 40; d++) {
      List<Block> blocks = new ArrayList<>();
      int blockCount = 1 + random.nextInt(6);
      for (int b = 0; b < blockCount; b++) {
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(d % 4 == 0 ? 900 : 120);
        for (int w = 0; w < words; w++) {
          text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        BlockType type = BlockType.values()[random.nextInt(BlockType.values().length)];
        String section = random.nextInt(3) == 0 ? null : "S" + random.nextInt(3);
        if (!text.toString().isBlank()) {
          blocks.add(new Block(type, text.toString().strip(), section, 1 + b));
        }
      }
      Document document = new Document("gen-" + d + ".txt", "/gen", "txt", blocks, Map.of());
      assertProperties(document, ESTIMATING);
    }
  }
}
