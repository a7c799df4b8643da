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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    return ingestWithHeap(file, "-Xmx256m");
  }

  private static String ingestWithHeap(Path file, String heap, String... more)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    command.addAll(
        List.of(
            java.toString(),
            heap,
            "-cp",
            System.getProperty("java.class.path"),
            BigFileProbe.class.getName(),
            file.toString()));
    command.addAll(List.of(more));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
    assertThat(output).as("child JVM output").doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private Path fiveMegabyteText() throws IOException {
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
    return file;
  }

  @Test
  void ingestsAFiveMegabyteTextFileIntoAnAgentWithA256MegabyteHeapEmbeddingASliceAtATime()
      throws Exception {
    Path file = fiveMegabyteText();
    Path home = Files.createDirectory(dir.resolve("home"));
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            AgentBigFileProbe.class.getName(),
            file.toString(),
            home.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();

    assertThat(output).as("child JVM output").doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as(output).isZero();
    // Thousands of chunks, never handed to the model more than one slice (256 texts) at a time.
    Matcher ok = Pattern.compile("ok (\\d+) largest-call (\\d+)").matcher(output);
    assertThat(ok.find()).as(output).isTrue();
    assertThat(Integer.parseInt(ok.group(1))).isGreaterThan(5_000);
    assertThat(Integer.parseInt(ok.group(2))).isBetween(1, 256);
  }

  @Test
  void ingestsAFiveMegabyteTextFileWithA256MegabyteHeap() throws Exception {
    Path file = fiveMegabyteText();

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

  @Test
  void ingestsAFortyMegabyteChatGptExportWithA512MegabyteHeap() throws Exception {
    Path file = dir.resolve("conversations.json");
    Random random = new Random(3);
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write('[');
      for (int c = 0; bytes < 40_000_000; c++) {
        StringBuilder json = new StringBuilder(c == 0 ? "" : ",");
        json.append("{\"conversation_id\":\"c")
            .append(c)
            .append("\",\"title\":\"Chat ")
            .append(c)
            .append("\",\"current_node\":\"m9\",\"mapping\":{");
        for (int m = 0; m < 10; m++) {
          StringBuilder text = new StringBuilder();
          for (int s = 0; s < 8; s++) {
            text.append(sentence(random)).append(' ');
          }
          json.append(m == 0 ? "" : ",")
              .append("\"m")
              .append(m)
              .append("\":{\"parent\":")
              .append(m == 0 ? "null" : "\"m" + (m - 1) + "\"")
              .append(",\"message\":{\"author\":{\"role\":\"")
              .append(m % 2 == 0 ? "user" : "assistant")
              .append("\"},\"create_time\":")
              .append(1_750_000_000 + c * 100 + m)
              .append(",\"content\":{\"content_type\":\"text\",\"parts\":[\"")
              .append(text.toString().strip())
              .append("\"]}}}");
        }
        json.append("}}");
        byte[] chunk = json.toString().getBytes(StandardCharsets.UTF_8);
        out.write(chunk);
        bytes += chunk.length;
      }
      out.write(']');
    }

    // A whole export is one document: over the default maxDocumentChars, raised as docs say.
    String output = ingestWithHeap(file, "-Xmx512m", "40000000");

    assertThat(output).containsPattern("ok \\d{5,}");
  }
}
