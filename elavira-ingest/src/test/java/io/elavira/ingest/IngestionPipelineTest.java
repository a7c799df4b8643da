package io.elavira.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.elavira.ElaviraException;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.DocumentParser;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.text.PlainTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionPipelineTest {
  @TempDir Path dir;
  private final RecordingIndexer indexer = new RecordingIndexer();

  private IngestionPipeline pipeline() {
    return IngestionPipeline.builder().indexer(indexer).build();
  }

  private Path write(String relative, String text) throws IOException {
    return write(relative, text.getBytes(UTF_8));
  }

  private Path write(String relative, byte[] bytes) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private static Map<String, Reason> failures(IngestReport report) {
    return report.outcomes().stream()
        .filter(o -> !o.succeeded())
        .collect(Collectors.toMap(o -> o.path().getFileName().toString(), o -> o.error().reason()));
  }

  @BeforeEach
  void aFolderOfGoodAndBadFiles() throws IOException {
    write("good.txt", "Les réservations sont annulables jusqu’à 61 jours avant.");
    write("guide.md", "# Guide\n\nInstall it.\n\n## Use\n\nAsk questions.\n");
    write("sub/deeper/notes.TXT", "A note in a sub folder.");
    write("empty.txt", "");
    write("blank.md", "\n\n   \n");
    byte[] binary = new byte[512];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7);
    }
    write("binary.txt", binary);
    write("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    write(".git/config.txt", "hidden folder, never read");
    write(".hidden.txt", "hidden file, never read");
  }

  @Test
  void indexesTheGoodFilesAndReportsEachBadOneWithItsReason() throws IOException {
    Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("gone.txt"));

    IngestReport report = pipeline().ingest(List.of(dir));

    assertThat(indexer.indexedNames()).containsExactly("good.txt", "guide.md", "notes.TXT");
    assertThat(failures(report))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "binary.txt", Reason.CORRUPT,
                "blank.md", Reason.EMPTY,
                "dangling.txt", Reason.UNREADABLE,
                "empty.txt", Reason.EMPTY,
                "photo.png", Reason.UNSUPPORTED_FORMAT));
    assertThat(report.outcomes())
        .filteredOn(o -> !o.succeeded())
        .allSatisfy(
            o -> assertThat(o.error().getMessage()).contains(o.path().getFileName().toString()));
    assertThat(report.added()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(5);
    assertThat(report.updated()).isZero();
    assertThat(report.unchanged()).isZero();
    assertThat(report.chunks())
        .isEqualTo(indexer.calls.stream().mapToInt(c -> c.chunks().size()).sum())
        .isPositive();
    assertThat(report.nothingIngested()).isFalse();
    assertThat(report.elapsed()).isPositive();
  }

  @Test
  void processesFilesInSortedOrderSkippingHiddenOnes() {
    IngestReport report = pipeline().ingest(List.of(dir));

    assertThat(report.outcomes())
        .extracting(o -> dir.relativize(o.path()).toString())
        .containsExactly(
            "binary.txt",
            "blank.md",
            "empty.txt",
            "good.txt",
            "guide.md",
            "photo.png",
            "sub/deeper/notes.TXT");
  }

  @Test
  void namesTheDocumentAfterTheFileAndLocatesItByItsAbsolutePath() {
    pipeline().ingest(List.of(dir.resolve("sub/../good.txt")));

    Document document = indexer.calls.get(0).document();
    assertThat(document.name()).isEqualTo("good.txt");
    assertThat(document.location())
        .isEqualTo(dir.resolve("good.txt").toAbsolutePath().normalize().toString());
    assertThat(document.format()).isEqualTo("txt");
    assertThat(document.metadata()).containsEntry("encoding", "UTF-8");
  }

  @Test
  void passesTheChunksOfTheConfiguredChunker() {
    List<Document> chunked = new ArrayList<>();
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(indexer)
            .chunker(
                document -> {
                  chunked.add(document);
                  return List.of(new Chunk(0, "only chunk", null, null, Map.of()));
                })
            .build();

    pipeline.ingest(List.of(dir.resolve("guide.md")));

    assertThat(chunked).singleElement().extracting(Document::name).isEqualTo("guide.md");
    assertThat(indexer.calls.get(0).chunks()).extracting(Chunk::text).containsExactly("only chunk");
  }

  @Test
  void reportsAMissingPathAsUnreadableNamingIt() {
    Path missing = dir.resolve("nowhere/lost.md");

    IngestReport report = pipeline().ingest(List.of(missing, dir.resolve("good.txt")));

    FileOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.error().reason()).isEqualTo(Reason.UNREADABLE);
    assertThat(outcome.error().getMessage()).contains(missing.toString());
    assertThat(indexer.indexedNames()).containsExactly("good.txt");
  }

  @Test
  void reportsAFileWithoutReadPermissionAsUnreadable() throws IOException {
    Path locked = write("locked.txt", "secret");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(locked), "running as root: permissions do not stop reading");

    IngestReport report = pipeline().ingest(List.of(locked));

    assertThat(report.outcomes().get(0).error().reason()).isEqualTo(Reason.UNREADABLE);
  }

  @Test
  void namesTheSupportedExtensionsForAnUnknownOne() {
    IngestReport report = pipeline().ingest(List.of(dir.resolve("photo.png")));

    IngestException error = report.outcomes().get(0).error();
    assertThat(error.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(error.getMessage())
        .contains("photo.png", "csv, docx, htm, html, json, log, markdown, md, odt, pdf");
  }

  @Test
  void refusesFilesOverTheSizeLimit() throws IOException {
    write("big.txt", "word ".repeat(100));
    IngestionPipeline pipeline =
        IngestionPipeline.builder().indexer(indexer).maxFileBytes(100).build();

    IngestReport report = pipeline.ingest(List.of(dir.resolve("big.txt"), dir.resolve("good.txt")));

    assertThat(failures(report)).containsExactlyEntriesOf(Map.of("big.txt", Reason.TOO_LARGE));
    assertThat(report.outcomes().get(0).error().getMessage()).contains("big.txt", "500", "100");
    assertThat(indexer.indexedNames()).containsExactly("good.txt");
  }

  @Test
  void refusesDocumentsOverTheCharacterLimitNamingTheLimitAndHowToRaiseIt() throws IOException {
    write("long.md", "# Long\n\n" + "Une phrase assez longue. ".repeat(40));
    IngestionPipeline pipeline =
        IngestionPipeline.builder().indexer(indexer).maxDocumentChars(500).build();

    IngestReport report = pipeline.ingest(List.of(dir.resolve("long.md"), dir.resolve("good.txt")));

    assertThat(failures(report)).containsExactlyEntriesOf(Map.of("long.md", Reason.TOO_LARGE));
    assertThat(report.outcomes().get(0).error().getMessage())
        .contains("long.md", "500", "maxDocumentChars(")
        .doesNotContain("phrase");
    assertThat(indexer.indexedNames()).containsExactly("good.txt");
  }

  @Test
  void failsFastBeforeReadingAnythingWhenTheFoldersHoldTooManyFiles() {
    IngestionPipeline pipeline = IngestionPipeline.builder().indexer(indexer).maxFiles(3).build();

    assertThatThrownBy(() -> pipeline.ingest(List.of(dir)))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("3 files")
        .hasMessageContaining("maxFiles(");
    assertThat(indexer.calls).isEmpty();
    assertThat(
            IngestionPipeline.builder()
                .indexer(indexer)
                .maxFiles(7)
                .build()
                .ingest(List.of(dir))
                .outcomes())
        .hasSize(7);
  }

  @Test
  void hasNamedDefaultLimits() {
    assertThat(IngestionPipeline.DEFAULT_MAX_FILE_BYTES).isEqualTo(50L * 1024 * 1024);
    assertThat(IngestionPipeline.DEFAULT_MAX_DOCUMENT_CHARS).isEqualTo(5_000_000);
    assertThat(IngestionPipeline.DEFAULT_MAX_FILES).isEqualTo(10_000);
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void reportsANamedPipeAsUnreadableInsteadOfBlockingOnIt() throws Exception {
    Path fifo = dir.resolve("pipe.txt");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available on this system");

    IngestReport report = pipeline().ingest(List.of(fifo, dir.resolve("good.txt")));

    assertThat(failures(report)).containsExactlyEntriesOf(Map.of("pipe.txt", Reason.UNREADABLE));
    assertThat(report.outcomes().get(0).error().getMessage()).contains("not a regular file");
  }

  @Test
  void tellsTheListenerTheTotalThenEachFileInOrder() {
    List<String> events = new ArrayList<>();
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(indexer)
            .listener(
                new IngestListener() {
                  @Override
                  public void onStart(int totalFiles) {
                    events.add("start " + totalFiles);
                  }

                  @Override
                  public void onFile(FileOutcome outcome, int done, int total) {
                    events.add(
                        outcome.path().getFileName()
                            + " "
                            + done
                            + "/"
                            + total
                            + " "
                            + (outcome.succeeded() ? "ok" : outcome.error().reason()));
                  }
                })
            .build();

    pipeline.ingest(List.of(dir.resolve("good.txt"), dir.resolve("empty.txt")));

    assertThat(events).containsExactly("start 2", "good.txt 1/2 ok", "empty.txt 2/2 EMPTY");
  }

  @Test
  void stopsWhenTheListenerThrows() {
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(indexer)
            .listener(
                (outcome, done, total) -> {
                  throw new IllegalStateException("cancelled by user");
                })
            .build();

    assertThatThrownBy(() -> pipeline.ingest(List.of(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cancelled by user");
  }

  @Test
  void reportsUnchangedAndUpdatedFilesOnReingestion() throws IOException {
    IngestionPipeline pipeline = pipeline();
    pipeline.ingest(List.of(dir.resolve("good.txt"), dir.resolve("guide.md")));
    write("guide.md", "# Guide\n\nInstall it differently.\n");

    IngestReport again = pipeline.ingest(List.of(dir.resolve("good.txt"), dir.resolve("guide.md")));

    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(again.updated()).isEqualTo(1);
    assertThat(again.added()).isZero();
    assertThat(again.nothingIngested()).isFalse();
  }

  @Test
  void saysNothingWasIngestedWhenEveryFileFails() {
    IngestReport report = pipeline().ingest(List.of(dir.resolve("empty.txt")));

    assertThat(report.nothingIngested()).isTrue();
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.chunks()).isZero();
  }

  @Test
  void listsAFileReachedTwiceOnceAndSurvivesSymbolicLinkLoops() throws IOException {
    Files.createSymbolicLink(dir.resolve("sub/deeper/loop"), dir.resolve("sub"));

    IngestReport report =
        pipeline()
            .ingest(
                List.of(
                    dir.resolve("sub"), dir.resolve("sub"), dir.resolve("sub/deeper/notes.TXT")));

    assertThat(report.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.path().getFileName().toString()).isEqualTo("notes.TXT"));
  }

  @Test
  void handsSmallFilesToTheIndexerTogetherAndReportsOutcomesInFileOrder() throws IOException {
    List<String> seen = new ArrayList<>();
    IngestReport report =
        IngestionPipeline.builder()
            .indexer(indexer)
            .listener((outcome, done, total) -> seen.add(outcome.path().getFileName().toString()))
            .build()
            .ingest(List.of(dir));

    assertThat(indexer.batches).containsExactly(3); // good.txt, guide.md, notes.TXT: a few chunks
    assertThat(seen)
        .isEqualTo(report.outcomes().stream().map(o -> o.path().getFileName().toString()).toList());
    assertThat(seen)
        .containsSubsequence(
            "binary.txt", "blank.md", "empty.txt", "good.txt", "guide.md", "photo.png");
  }

  @Test
  void indexesEachFileOnItsOwnWithABatchOfOneChunk() {
    IngestReport report =
        IngestionPipeline.builder().indexer(indexer).batchChunks(1).build().ingest(List.of(dir));

    assertThat(indexer.batches).containsExactly(1, 1, 1);
    assertThat(report.added()).isEqualTo(3);
  }

  @Test
  void recordsAnIngestExceptionFromTheIndexerAsTheFilesOutcome() {
    DocumentIndexer refusing =
        new DocumentIndexer() {
          @Override
          public IndexResult index(Document document, List<Chunk> chunks) {
            throw new IngestException(
                document.name(), Reason.TOO_LARGE, document.name() + " too big");
          }

          @Override
          public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
            return index(document, chunks);
          }
        };

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(refusing)
            .build()
            .ingest(List.of(dir.resolve("good.txt"), dir.resolve("guide.md")));

    assertThat(failures(report)).containsOnlyKeys("good.txt", "guide.md");
  }

  @Test
  void containsALibraryExceptionEscapingAParser() {
    DocumentParser broken =
        new DocumentParser() {
          @Override
          public Set<String> extensions() {
            return Set.of("txt");
          }

          @Override
          public Document parse(InputStream content, String fileName) {
            throw new ArrayIndexOutOfBoundsException("bug");
          }
        };
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(indexer)
            .parsers(List.of(broken, new MarkdownParser()))
            .build();

    IngestReport report =
        pipeline.ingest(List.of(dir.resolve("good.txt"), dir.resolve("guide.md")));

    assertThat(failures(report)).containsExactlyEntriesOf(Map.of("good.txt", Reason.CORRUPT));
    assertThat(indexer.indexedNames()).containsExactly("guide.md");
  }

  @Test
  void propagatesAFailureOfTheIndexerItself() {
    DocumentIndexer down =
        new DocumentIndexer() {
          @Override
          public IndexResult index(Document document, List<Chunk> chunks) {
            throw new ElaviraException("embedding model unavailable");
          }

          @Override
          public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
            return index(document, chunks);
          }
        };

    assertThatThrownBy(
            () ->
                IngestionPipeline.builder()
                    .indexer(down)
                    .build()
                    .ingest(List.of(dir.resolve("good.txt"))))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("embedding model");
  }

  @Test
  void validatesItsConfiguration() {
    assertThatThrownBy(() -> IngestionPipeline.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("indexer");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxFileBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFileBytes");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxDocumentChars(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDocumentChars");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxFiles(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFiles");
    assertThatThrownBy(() -> IngestionPipeline.builder().parsers(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                IngestionPipeline.builder()
                    .parsers(List.of(new PlainTextParser(), new PlainTextParser())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Two parsers read");
    assertThat(pipeline().supportedExtensions())
        .containsExactly(
            "csv",
            "docx",
            "htm",
            "html",
            "json",
            "log",
            "markdown",
            "md",
            "odt",
            "pdf",
            "rtf",
            "text",
            "tsv",
            "txt",
            "xhtml",
            "xml",
            "yaml",
            "yml",
            "zip");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxPages(5).maxPages(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxPages");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxTimePerFile(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTimePerFile");
    assertThatThrownBy(() -> IngestionPipeline.builder().maxArchiveExpansionRatio(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxArchiveExpansionRatio");
  }

  @Test
  void ingestsTheSharedTextFixturesReportingTheEmptyOnes() {
    Path text = SharedData.dir().resolve("data/docs/text");

    IngestReport report = pipeline().ingest(List.of(text));

    assertThat(failures(report))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "empty.txt",
                Reason.EMPTY,
                "empty-file.txt",
                Reason.EMPTY,
                "fake-text-all-whitespace.txt",
                Reason.EMPTY));
    assertThat(indexer.indexedNames())
        .containsExactly(
            "MANIFEST.md",
            "README.md",
            "codeblock.md",
            "fake-text-utf-16.txt",
            "miles-of-smiles-terms-of-use.txt",
            "simple-table.md",
            "umlauts-non-utf8.md");
  }
}
