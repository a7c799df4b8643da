package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.text.PlainTextParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit of the pipeline builder refuses a file with a typed error naming it and the setting.
 */
class PipelineLimitsTest {
  @TempDir Path dir;
  private final RecordingIndexer indexer = new RecordingIndexer();

  private static IngestException onlyError(IngestReport report) {
    return report.outcomes().get(0).error();
  }

  @Test
  void refusesAPdfOverMaxPages() throws IOException {
    Path pdf = dir.resolve("long.pdf");
    Files.copy(SharedData.doc("pdf/multi-column-2p.pdf"), pdf);

    IngestException error =
        onlyError(
            IngestionPipeline.builder().indexer(indexer).maxPages(1).build().ingest(List.of(pdf)));

    assertThat(error.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(error.getMessage()).contains("long.pdf", "2 pages", "maxPages");
  }

  @Test
  void refusesADocxOrZippedExportThatExpandsTooMuch() throws IOException {
    Path docx = dir.resolve("cv.docx");
    Files.copy(SharedData.doc("docx/fake.docx"), docx);
    Path zip = dir.resolve("export.zip");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("conversations.json"));
      out.write(new byte[2_000_000]);
      out.closeEntry();
    }
    Files.write(zip, bytes.toByteArray());

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(indexer)
            .maxArchiveExpandedBytes(10_000)
            .build()
            .ingest(List.of(docx, zip));

    assertThat(report.outcomes())
        .allSatisfy(
            o -> {
              assertThat(o.error().reason()).isEqualTo(Reason.TOO_LARGE);
              assertThat(o.error().getMessage())
                  .contains(o.path().getFileName().toString())
                  .containsAnyOf("maxArchiveExpandedBytes", "maxArchiveExpansionRatio");
            });
  }

  @Test
  void givesUpOnAFileThatTakesLongerThanMaxTimePerFileAndGoesOn() throws IOException {
    Files.writeString(dir.resolve("slow.slow"), "x");
    Files.writeString(dir.resolve("fast.txt"), "Quick text.");
    CountDownLatch never = new CountDownLatch(1);
    DocumentParser stuck =
        new DocumentParser() {
          @Override
          public Set<String> extensions() {
            return Set.of("slow");
          }

          @Override
          public Document parse(InputStream content, String fileName) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new Document(
                fileName,
                fileName,
                "slow",
                List.of(new Block(BlockType.PARAGRAPH, "late", null, null)),
                Map.of());
          }
        };

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(indexer)
            .parsers(List.of(stuck, new PlainTextParser()))
            .maxTimePerFile(Duration.ofMillis(300))
            .build()
            .ingest(List.of(dir.resolve("slow.slow"), dir.resolve("fast.txt")));

    IngestException error = onlyError(report);
    assertThat(error.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(error.getMessage()).contains("slow.slow", "PT0.3S", "maxTimePerFile");
    assertThat(indexer.indexedNames()).containsExactly("fast.txt");
  }

  @Test
  void cleansTextBetweenParsingAndChunking() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "Retrieval is imple-\nmented   well.");

    IngestionPipeline.builder().indexer(indexer).build().ingest(List.of(dir.resolve("notes.txt")));

    assertThat(indexer.calls.get(0).document().text()).isEqualTo("Retrieval is implemented well.");
  }
}
