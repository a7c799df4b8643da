package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.DocumentParser;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.text.PlainTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files ahead of the indexer, on several threads, without changing what is indexed. */
class ParallelIngestionTest {
  @TempDir Path dir;

  /** A parser of {@code .txt} files that counts the files it read, and fails on demand. */
  private static final class CountingParser implements DocumentParser {
    private final PlainTextParser text = new PlainTextParser();
    private final CountDownLatch read;

    CountingParser(int files) {
      this.read = new CountDownLatch(files);
    }

    @Override
    public Set<String> extensions() {
      return Set.of("txt");
    }

    @Override
    public Document parse(InputStream content, String fileName) {
      try {
        if (fileName.startsWith("corrupt")) {
          throw new IngestException(fileName, Reason.CORRUPT, fileName + " is corrupt");
        }
        if (fileName.startsWith("buggy")) {
          throw new IllegalStateException("a library bug");
        }
        return text.parse(content, fileName);
      } finally {
        read.countDown();
      }
    }
  }

  private void writeFiles(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Files.writeString(
          dir.resolve(String.format("file-%02d.txt", i)), "Sentence number " + i + ".");
    }
  }

  @Test
  void readsTheNextFilesWhileTheIndexerIsBusyWithTheFirst() throws IOException {
    writeFiles(6);
    CountingParser parser = new CountingParser(6);
    AtomicBoolean allReadDuringTheFirstCall = new AtomicBoolean();
    AtomicBoolean first = new AtomicBoolean(true);
    RecordingIndexer recording = new RecordingIndexer();
    DocumentIndexer slowFirstCall =
        new DocumentIndexer() {
          @Override
          public IndexResult index(Document document, List<Chunk> chunks) {
            return recording.index(document, chunks);
          }

          @Override
          public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
            return recording.index(document, chunks, ownerId);
          }

          @Override
          public List<IndexResult> indexAll(List<IndexRequest> requests) {
            if (first.getAndSet(false)) {
              try {
                // An embedding model busy with the first file: the other five are read meanwhile,
                // even with a single reading thread.
                allReadDuringTheFirstCall.set(parser.read.await(30, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return recording.indexAll(requests);
          }
        };

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(slowFirstCall)
            .parsers(List.of(parser))
            .parallelism(1)
            .batchChunks(1)
            .build()
            .ingest(List.of(dir));

    assertThat(allReadDuringTheFirstCall).isTrue();
    assertThat(report.added()).isEqualTo(6);
    assertThat(recording.indexedNames())
        .containsExactly(
            "file-00.txt",
            "file-01.txt",
            "file-02.txt",
            "file-03.txt",
            "file-04.txt",
            "file-05.txt");
  }

  @Test
  void reportsAFileThatFailsInAWorkerAndIngestsTheOthersInOrder() throws IOException {
    writeFiles(10);
    Files.writeString(dir.resolve("corrupt-a.txt"), "x");
    Files.writeString(dir.resolve("buggy-b.txt"), "x");
    RecordingIndexer indexer = new RecordingIndexer();

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(indexer)
            .parsers(List.of(new CountingParser(12)))
            .parallelism(4)
            .build()
            .ingest(List.of(dir));

    assertThat(
            report.outcomes().stream()
                .filter(o -> !o.succeeded())
                .collect(
                    Collectors.toMap(
                        o -> o.path().getFileName().toString(), o -> o.error().reason())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("buggy-b.txt", Reason.CORRUPT, "corrupt-a.txt", Reason.CORRUPT));
    assertThat(report.outcomes())
        .extracting(o -> o.path().getFileName().toString())
        .startsWith("buggy-b.txt", "corrupt-a.txt", "file-00.txt")
        .hasSize(12);
    assertThat(indexer.indexedNames()).hasSize(10).isSorted();
  }

  @Test
  void indexesTheSameChunksInTheSameOrderWhateverTheParallelismAndGrouping() throws IOException {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      longText.append("Paragraph ").append(i).append(" says something of its own.\n\n");
    }
    for (int i = 0; i < 12; i++) {
      Files.writeString(
          dir.resolve(String.format("doc-%02d.%s", i, i % 3 == 0 ? "md" : "txt")),
          i % 4 == 0 ? longText + "Ending " + i : "# Title " + i + "\n\nShort note " + i + ".");
    }
    Files.writeString(dir.resolve("doc-99.txt"), ""); // fails EMPTY, in its place

    RecordingIndexer sequential = new RecordingIndexer();
    IngestReport one =
        pipeline(sequential).parallelism(1).batchChunks(1).build().ingest(List.of(dir));
    RecordingIndexer parallel = new RecordingIndexer();
    IngestReport many = pipeline(parallel).parallelism(4).build().ingest(List.of(dir));

    assertThat(outcomes(many)).isEqualTo(outcomes(one)).hasSize(13);
    assertThat(texts(parallel)).isEqualTo(texts(sequential)).hasSizeGreaterThan(12);
    assertThat(parallel.batches).hasSizeLessThan(sequential.batches.size());
  }

  @Test
  void handsTheFirstFilesToTheIndexerInASmallGroupThenInGrowingOnes() throws IOException {
    writeFiles(40);
    RecordingIndexer indexer = new RecordingIndexer();

    IngestionPipeline.builder().indexer(indexer).batchChunks(64).build().ingest(List.of(dir));

    // One chunk per file: 8, then four times as many (32), which leaves none.
    assertThat(indexer.batches).containsExactly(8, 32);
  }

  @Test
  void aStuckLibraryThatIgnoresInterruptsDoesNotHoldTheOnlyReadingThread() throws IOException {
    Files.writeString(dir.resolve("a-stuck.stuck"), "x");
    writeFiles(3);
    CountDownLatch release = new CountDownLatch(1);
    DocumentParser stuck =
        new DocumentParser() {
          @Override
          public Set<String> extensions() {
            return Set.of("stuck");
          }

          @Override
          public Document parse(InputStream content, String fileName) {
            boolean interrupted = false;
            while (release.getCount() > 0) {
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted = true; // ignored, as some libraries do
              }
            }
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
            throw new IngestException(fileName, Reason.CORRUPT, "released");
          }
        };
    RecordingIndexer indexer = new RecordingIndexer();
    try {
      IngestReport report =
          IngestionPipeline.builder()
              .indexer(indexer)
              .parsers(List.of(stuck, new PlainTextParser()))
              .parallelism(1)
              .maxTimePerFile(Duration.ofMillis(200))
              .build()
              .ingest(List.of(dir));

      assertThat(report.outcomes().get(0).error().reason()).isEqualTo(Reason.TIMED_OUT);
      assertThat(indexer.indexedNames())
          .containsExactly("file-00.txt", "file-01.txt", "file-02.txt");
    } finally {
      release.countDown();
    }
  }

  private static IngestionPipeline.Builder pipeline(RecordingIndexer indexer) {
    return IngestionPipeline.builder()
        .indexer(indexer)
        .parsers(List.of(new PlainTextParser(), new MarkdownParser()))
        .chunker(RecursiveChunker.builder().maxTokens(60).overlapTokens(10).build());
  }

  private static List<String> outcomes(IngestReport report) {
    return report.outcomes().stream()
        .map(
            o ->
                o.path().getFileName()
                    + " "
                    + (o.succeeded()
                        ? o.result().status() + " " + o.result().chunks()
                        : o.error().reason()))
        .toList();
  }

  private static List<String> texts(RecordingIndexer indexer) {
    return indexer.calls.stream()
        .flatMap(
            c ->
                c.chunks().stream()
                    .map(Chunk::text)
                    .map(t -> c.document().location() + " | " + c.document().text().length() + t))
        .toList();
  }
}
