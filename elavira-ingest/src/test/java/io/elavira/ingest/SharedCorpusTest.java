package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.document.IngestException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every shared fixture goes through the default pipeline: ingested, or refused for its reason. */
class SharedCorpusTest {
  private final RecordingIndexer indexer = new RecordingIndexer();
  private final IngestionPipeline pipeline = IngestionPipeline.builder().indexer(indexer).build();

  private static Map<String, Reason> failures(IngestReport report) {
    return report.outcomes().stream()
        .filter(o -> !o.succeeded())
        .collect(Collectors.toMap(o -> o.path().getFileName().toString(), o -> o.error().reason()));
  }

  private Map<String, Document> indexed() {
    return indexer.calls.stream()
        .map(RecordingIndexer.Call::document)
        .collect(Collectors.toMap(Document::name, Function.identity(), (a, b) -> a));
  }

  @Test
  void ingestsEveryDocumentFixtureOrRefusesItWithTheExpectedReason() throws Exception {
    Path docs = SharedData.dir().resolve("data/docs");
    long files;
    try (var walk = Files.walk(docs)) {
      files = walk.filter(Files::isRegularFile).count();
    }

    IngestReport report = pipeline.ingest(List.of(docs));

    assertThat(report.outcomes()).hasSize((int) files);
    assertThat(failures(report))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "empty.txt", Reason.EMPTY,
                "empty-file.txt", Reason.EMPTY,
                "fake-text-all-whitespace.txt", Reason.EMPTY,
                "blank-file.pdf", Reason.EMPTY,
                "blank-file.docx", Reason.EMPTY,
                "loremipsum-flat.pdf", Reason.NO_TEXT_LAYER,
                "password.pdf", Reason.ENCRYPTED));
    assertThat(report.outcomes())
        .filteredOn(o -> !o.succeeded())
        .allSatisfy(
            o -> assertThat(o.error().getMessage()).contains(o.path().getFileName().toString()));
    Map<String, Document> indexed = indexed();
    assertThat(indexed.get("test-file.pdf").text().replaceAll("\\s+", "")).isEqualTo("testcontent");
    assertThat(indexed.get("test-file.docx").text().replaceAll("\\s+", ""))
        .isEqualTo("testcontent");
    assertThat(indexed.get("simple.json").format()).isEqualTo("json");
    assertThat(indexer.calls)
        .filteredOn(c -> c.document().name().equals("multi-column-2p.pdf"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.chunks()).allSatisfy(chunk -> assertThat(chunk.page()).isIn(1, 2)));
  }

  @Test
  void givesTheSameTextForEveryFormatOfTheSameDocument() {
    Path cross = SharedData.dir().resolve("data/docs/cross-format");

    IngestReport report = pipeline.ingest(List.of(cross));

    assertThat(report.failed()).isZero();
    Map<String, Document> indexed = indexed();
    String declaration = normalised(indexed.get("eng_spa_mult.txt"));
    for (String format : List.of("md", "html", "xml", "docx", "odt", "rtf")) {
      assertThat(normalised(indexed.get("eng_spa_mult." + format)))
          .as("eng_spa_mult." + format)
          .isEqualTo(declaration);
    }
    String story = normalised(indexed.get("story-about-happy-carrot.txt"));
    assertThat(normalised(indexed.get("story-about-happy-carrot.docx"))).isEqualTo(story);
    // The PDF breaks "hide-and-seek" across a line end: equal once hyphens are ignored.
    assertThat(normalised(indexed.get("story-about-happy-carrot.pdf")).replace("-", ""))
        .isEqualTo(story.replace("-", ""));
  }

  private static String normalised(Document document) {
    return document.text().replaceAll("\\s+", " ").strip();
  }

  @Test
  void readsEveryChatExportFixtureByItsContent() {
    Path chats = SharedData.dir().resolve("data/chat-exports");

    IngestReport report = pipeline.ingest(List.of(chats));

    // Named as the fixtures are, not as in an export, the shards the manifest lists are missing.
    assertThat(failures(report))
        .containsExactlyInAnyOrderEntriesOf(Map.of("chatgpt_export_manifest.json", Reason.CORRUPT));
    assertThat(
            report.outcomes().stream()
                .filter(o -> !o.succeeded())
                .findFirst()
                .orElseThrow()
                .error()
                .getMessage())
        .contains("conversations-404.json");
    Map<String, Document> indexed = indexed();
    for (String chat :
        List.of(
            "chatgpt_branched.json",
            "chatgpt_sharded_000.json",
            "chatgpt_sharded_001.json",
            "claude_conversations.json",
            "claude_design_chat.json",
            "claude_project_dir.json",
            "claude_memories_v2.json",
            "example.json",
            "gemini_myactivity.json")) {
      assertThat(indexed.get(chat).format()).as(chat).isEqualTo("chat");
    }
    assertThat(indexed.get("takeout_search_myactivity.json").format()).isEqualTo("json");
    assertThat(indexer.calls)
        .filteredOn(c -> c.document().name().equals("chatgpt_branched.json"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.chunks())
                    .extracting(ch -> ch.metadata().get("messageId"))
                    .containsExactly("n1", "n3", "n4"));
  }
}
