package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Path home = Files.createDirectory(sandbox.resolve("home"));
    Path tmp = Files.createDirectory(sandbox.resolve("tmp"));
    Path output = sandbox.resolve("child.out");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IngestFolders.class.getName());
    command.add(shared.resolve("docs").toString());
    command.add(shared.resolve("chat-exports").toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    builder.environment().put("TMPDIR", tmp.toString());

    Process child = builder.start();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(ended).as("the child JVM ended").isTrue();
    assertThat(child.exitValue()).as("exit code; output:%n%s", printed).isZero();
    // test-file.pdf, fake-memo.pdf, the papers...: PDFs really went through PDFBox.
    assertThat(printed).as(printed).containsPattern("pdf ok [3-9]|pdf ok \\d\\d");
    assertThat(printed).containsPattern("docx ok [1-9]").containsPattern("odt ok [1-9]");
    assertThat(filesUnder(home)).as("files written in the home folder").isEmpty();
    assertThat(filesUnder(tmp)).as("files left in the temporary folder").isEmpty();
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> !p.equals(dir)).toList();
    }
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
