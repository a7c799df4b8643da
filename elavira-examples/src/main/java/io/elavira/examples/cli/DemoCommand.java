package io.elavira.examples.cli;

import io.elavira.Answer;
import io.elavira.ingest.IngestReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code elavira demo}: ingests Elavira's own user guide into a temporary home, asks it a few
 * questions in English and French, prints the answers with sources and timings, and deletes the
 * temporary home. Needs nothing running: without Ollama the answers are extractive.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Ingest Elavira's user guide into a temporary home and ask it questions.")
final class DemoCommand implements Callable<Integer> {

  /** The questions asked, all answerable from the guide. */
  static final List<String> QUESTIONS =
      List.of(
          "Where does Elavira store conversations?",
          "What happens when no language model is available?",
          "How are documents split into chunks?",
          "Comment installer Elavira avec Maven ?");

  @Spec private CommandSpec spec;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Path work = createTempDirectory();
    try {
      Path corpus = Files.createDirectory(work.resolve("guide"));
      Path home = work.resolve("home");
      List<Path> files = DemoCorpus.copyTo(corpus);
      out.println(
          "Elavira demo: " + files.size() + " documents of the user guide, temporary home " + home);
      out.flush();
      try (AgentSession session = AgentSession.open(home, llm, null, err)) {
        out.println(
            String.format(
                Locale.ROOT,
                "Model loaded and agent opened in %.1f s",
                seconds(session.openTime().toNanos())));
        IngestProgress progress = new IngestProgress(out, err, IngestProgress.Style.FAILURES_ONLY);
        IngestReport report = session.pipeline(progress).ingest(List.of(corpus));
        out.println("Ingested " + IngestCommand.summary(report, session.embeddedTexts()));
        int number = 1;
        for (String question : QUESTIONS) {
          out.println();
          out.println("Q" + number++ + ". " + question);
          out.flush();
          Answer answer = session.agent().ask("demo", "demo", question);
          AnswerPrinter.print(answer, out);
        }
      }
      out.println();
      out.println(
          String.format(
              Locale.ROOT,
              "Demo finished in %.1f s; temporary home deleted.",
              seconds(System.nanoTime() - start)));
      out.flush();
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("The demo could not write its temporary files in " + work, e);
    } finally {
      deleteRecursively(work);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("elavira-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("The demo could not create a temporary folder", e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Leftovers in the temp folder are harmless; the demo's output is what matters.
    }
  }
}
