package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big inputs ingest in a child JVM with a 256 MiB heap: a 5 MB text file and a DOCX of several
 * hundred pages, generated here, go through parsing, cleaning and chunking to the indexer.
 */
class BoundedHeapTest {
  private static final String[] WORDS =
      ("the agent reads every file and answers questions about contracts invoices letters notes"
              + " with care precision réservation jusqu’à annulée")
          .split(" ");

  @TempDir Path dir;

  private static String sentence(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      out.append(WORDS[random.nextInt(WORDS.length)]).append(i == 11 ? "." : " ");
    }
    return out.toString();
  }

  private static String ingestWithSmallHeap(Path file) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                BigFileProbe.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
    assertThat(output).as("child JVM output").doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void ingestsAFiveMegabyteTextFileWithA256MegabyteHeap() throws Exception {
    Path file = dir.resolve("big.txt");
    Random random = new Random(7);
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      int line = 0;
      while (bytes < 4_900_000) {
        byte[] text =
            (sentence(random) + (++line % 6 == 0 ? "\n\n" : "\n")).getBytes(StandardCharsets.UTF_8);
        out.write(text);
        bytes += text.length;
      }
    }

    String output = ingestWithSmallHeap(file);

    assertThat(output).containsPattern("ok \\d{4,}");
  }

  @Test
  void ingestsADocxOfSeveralHundredPagesWithA256MegabyteHeap() throws Exception {
    Path file = dir.resolve("big.docx");
    Random random = new Random(11);
    try (XWPFDocument document = new XWPFDocument();
        OutputStream out = Files.newOutputStream(file)) {
      for (int page = 1; page <= 400; page++) {
        XWPFParagraph heading = document.createParagraph();
        heading.setStyle("Heading1");
        heading.createRun().setText("Chapter " + page);
        for (int p = 0; p < 6; p++) {
          StringBuilder paragraph = new StringBuilder();
          for (int s = 0; s < 5; s++) {
            paragraph.append(sentence(random)).append(' ');
          }
          document.createParagraph().createRun().setText(paragraph.toString().strip());
        }
        document.createParagraph().setPageBreak(true);
      }
      document.write(out);
    }

    String output = ingestWithSmallHeap(file);

    assertThat(output).containsPattern("ok \\d{3,}");
    assertThat(List.of(output.split("\\s+"))).contains("ok");
  }
}
