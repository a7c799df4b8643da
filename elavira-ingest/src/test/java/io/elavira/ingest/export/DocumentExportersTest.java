package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.elavira.ingest.export.ExportException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentExportersTest {
  @TempDir Path dir;

  private static ExportDocument letter() {
    return Samples.letter(DocumentLanguage.FR);
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  @Test
  void picksTheFormatFromTheExtensionInAnyCase() throws IOException {
    Path md = DocumentExporters.export(letter(), dir.resolve("a.MD"));
    Path docx = DocumentExporters.export(letter(), dir.resolve("a.Docx"));
    Path pdf = DocumentExporters.export(letter(), dir.resolve("a.pdf"));

    assertThat(Files.readString(md, StandardCharsets.UTF_8)).startsWith("---\n");
    assertThat(Files.readAllBytes(docx)).startsWith('P', 'K');
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void refusesAnUnknownExtensionNamingTheFileAndTheFormats() {
    Path out = dir.resolve("letter.odt");

    assertThatThrownBy(() -> DocumentExporters.export(letter(), out))
        .isInstanceOfSatisfying(
            ExportException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
              assertThat(e.file()).isEqualTo(out.toString());
            })
        .hasMessageContaining("letter.odt")
        .hasMessageContaining(".md, .docx or .pdf");
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAMissingFolderSayingToCreateIt() {
    Path out = dir.resolve("missing").resolve("letter.pdf");

    assertThatThrownBy(() -> DocumentExporters.export(letter(), out))
        .isInstanceOfSatisfying(
            ExportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_FOLDER))
        .hasMessageContaining(out.toString())
        .hasMessageContaining("Create the folder");
  }

  @Test
  void refusesAFolderWhoseNameIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> DocumentExporters.export(letter(), file.resolve("letter.md")))
        .isInstanceOfSatisfying(
            ExportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_FOLDER))
        .hasMessageContaining("a file has that name");
  }

  @Test
  void refusesATargetThatIsAFolder() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("letter.docx"));

    assertThatThrownBy(() -> DocumentExporters.export(letter(), folder))
        .isInstanceOfSatisfying(
            ExportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IS_A_FOLDER))
        .hasMessageContaining(folder.toString());
  }

  @Test
  void refusesAFolderItCannotWriteSayingToCheckPermissions() throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    // Root writes through permissions: sysfs then stands in as a folder nobody may create files in.
    Path folder = Files.isWritable(locked) ? Path.of("/sys/kernel") : locked;
    assumeTrue(Files.isDirectory(folder), "no unwritable folder to try on this machine");
    Path out = folder.resolve("letter.pdf");
    try {
      assertThatThrownBy(() -> DocumentExporters.export(letter(), out))
          .isInstanceOfSatisfying(
              ExportException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_WRITABLE);
                assertThat(e.file()).isEqualTo(out.toString());
              })
          .hasMessageContaining(folder.toString())
          .hasMessageContaining("Check its permissions");
      assertThat(out).doesNotExist();
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aFailureMidwayLeavesThePreviousFileWholeAndNoTemporaryFile() throws IOException {
    Path out = Files.writeString(dir.resolve("letter.pdf"), "previous version");
    DocumentExporter failing =
        new DocumentExporter() {
          @Override
          public ExportFormat format() {
            return ExportFormat.PDF;
          }

          @Override
          public void write(ExportDocument document, OutputStream stream, String fileName) {
            try {
              stream.write(new byte[64 * 1024]);
              stream.flush();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            throw new ExportException(fileName, Reason.RENDER_FAILED, "boom", null);
          }
        };

    assertThatThrownBy(() -> DocumentExporters.export(letter(), out, failing))
        .isInstanceOf(ExportException.class);

    assertThat(out).hasContent("previous version");
    assertThat(leftovers()).isEmpty();
    Path fresh = dir.resolve("fresh.pdf");
    assertThatThrownBy(() -> DocumentExporters.export(letter(), fresh, failing))
        .isInstanceOf(ExportException.class);
    assertThat(fresh).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void replacesAnExistingFileWhole() throws IOException {
    Path out = Files.writeString(dir.resolve("letter.md"), "previous version ".repeat(10_000));

    DocumentExporters.export(letter(), out);

    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .startsWith("---\n")
        .doesNotContain("previous version");
  }
}
