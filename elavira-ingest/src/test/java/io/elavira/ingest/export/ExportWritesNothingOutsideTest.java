package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.ingest.SandboxedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    Path out = Files.createDirectory(sandbox.resolve("out"));
    SandboxedJvm.Run child =
        SandboxedJvm.run(sandbox, Duration.ofMinutes(3), ExportAll.class, out.toString());
    String output = child.output();

    assertThat(child.ended()).as("the child JVM ended").isTrue();
    assertThat(child.exitCode()).as("exit code; output:%n%s", output).isZero();
    assertThat(SandboxedJvm.filesUnder(out))
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "letter.md", "letter.docx", "letter.pdf", "cv.md", "cv.docx", "cv.pdf");
    assertThat(SandboxedJvm.filesUnder(child.home()))
        .as("files written in the home folder")
        .isEmpty();
    assertThat(SandboxedJvm.filesUnder(child.tmp()))
        .as("files left in the temporary folder")
        .isEmpty();
    assertThat(output).as("what the child printed").doesNotContain("openhtmltopdf");
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
