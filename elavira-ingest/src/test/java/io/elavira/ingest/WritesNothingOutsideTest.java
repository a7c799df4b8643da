package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing writes nothing outside the directories Elavira was given, through its libraries either:
 * PDFBox's default font mapper writes {@code ~/.pdfbox.cache} the first time a PDF uses a font it
 * does not embed, and POI and Tika may spool to temporary files. Every shared document and chat
 * export goes through the default pipeline in a child JVM (a fresh PDFBox) whose home ({@code HOME}
 * and {@code user.home}), XDG cache and temporary directory are empty folders, which must stay
 * empty.
 */
class WritesNothingOutsideTest {
  @TempDir Path sandbox;

  @Test
  void parsingEveryDocumentAndExportLeavesHomeAndTemporaryFolderEmpty() throws Exception {
    Path shared = SharedData.dir().resolve("data");
    SandboxedJvm.Run child =
        SandboxedJvm.run(
            sandbox,
            Duration.ofMinutes(5),
            IngestFolders.class,
            shared.resolve("docs").toString(),
            shared.resolve("chat-exports").toString());
    String printed = child.output();

    assertThat(child.ended()).as("the child JVM ended").isTrue();
    assertThat(child.exitCode()).as("exit code; output:%n%s", printed).isZero();
    // test-file.pdf, fake-memo.pdf, the papers...: PDFs really went through PDFBox.
    assertThat(printed).as(printed).containsPattern("pdf ok [3-9]|pdf ok \\d\\d");
    assertThat(printed).containsPattern("docx ok [1-9]").containsPattern("odt ok [1-9]");
    assertThat(SandboxedJvm.filesUnder(child.home()))
        .as("files written in the home folder")
        .isEmpty();
    assertThat(SandboxedJvm.filesUnder(child.tmp()))
        .as("files left in the temporary folder")
        .isEmpty();
  }

  /** The child: ingests the folders with the default pipeline; prints successes per extension. */
  public static final class IngestFolders {
    private IngestFolders() {}

    public static void main(String[] args) {
      List<Path> paths = Stream.of(args).map(Path::of).toList();
      IngestReport report =
          IngestionPipeline.builder().indexer(new RecordingIndexer()).build().ingest(paths);
      java.util.Map<String, Integer> ok = new java.util.TreeMap<>();
      for (FileOutcome outcome : report.outcomes()) {
        if (outcome.succeeded()) {
          String name = outcome.path().getFileName().toString();
          String extension = name.substring(name.lastIndexOf('.') + 1);
          ok.merge(extension, 1, Integer::sum);
        }
      }
      ok.forEach((extension, count) -> System.out.println(extension + " ok " + count));
    }
  }
}
