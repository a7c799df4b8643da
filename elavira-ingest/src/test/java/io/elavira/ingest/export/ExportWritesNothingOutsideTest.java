package io.elavira.ingest.export;

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
 * Exporting writes the output files and nothing else: PDFBox's default font mapper would write
 * {@code ~/.pdfbox.cache} the first time anything asks for a standard font, and POI could spool to
 * temporary files. A letter and a CV are exported to every format in a child JVM (a fresh PDFBox
 * and HTML renderer) whose home ({@code HOME} and {@code user.home}), XDG cache and temporary
 * folder are empty folders, which must stay empty; the renderer prints nothing either.
 */
class ExportWritesNothingOutsideTest {
  @TempDir Path sandbox;

  @Test
  void exportingToEveryFormatLeavesHomeAndTemporaryFolderEmpty() throws Exception {
    Path home = Files.createDirectory(sandbox.resolve("home"));
    Path tmp = Files.createDirectory(sandbox.resolve("tmp"));
    Path out = Files.createDirectory(sandbox.resolve("out"));
    Path printed = sandbox.resolve("child.out");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ExportAll.class.getName());
    command.add(out.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    builder.environment().put("TMPDIR", tmp.toString());

    Process child = builder.start();
    boolean ended = child.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = Files.readString(printed, StandardCharsets.UTF_8);

    assertThat(ended).as("the child JVM ended").isTrue();
    assertThat(child.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(filesUnder(out))
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "letter.md", "letter.docx", "letter.pdf", "cv.md", "cv.docx", "cv.pdf");
    assertThat(filesUnder(home)).as("files written in the home folder").isEmpty();
    assertThat(filesUnder(tmp)).as("files left in the temporary folder").isEmpty();
    assertThat(output).as("what the child printed").doesNotContain("openhtmltopdf");
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> !p.equals(dir)).toList();
    }
  }

  /** The child: exports a French letter and an English CV to every format. */
  public static final class ExportAll {
    private ExportAll() {}

    public static void main(String[] args) {
      Path out = Path.of(args[0]);
      for (ExportFormat format : ExportFormat.values()) {
        DocumentExporters.export(
            Samples.letter(DocumentLanguage.FR), out.resolve("letter." + format.extension()));
        DocumentExporters.export(
            Samples.cv(DocumentLanguage.EN), out.resolve("cv." + format.extension()));
      }
    }
  }
}
