package io.elavira.examples.cli;

import io.elavira.document.IndexResult;
import io.elavira.examples.apps.streamer.FaqKnowledgeBase;
import io.elavira.examples.apps.streamer.StreamerAssistant;
import io.elavira.examples.apps.streamer.StreamerServer;
import io.elavira.ingest.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elavira app streamer --faq FILE [--docs PATH...]}: StreamerAssistant. Indexes the FAQ (one
 * passage per question/answer pair) and the documents into the home, then serves {@link
 * StreamerServer}'s local API until Ctrl-C. The model is {@code --llm}'s chain: list a remote API
 * first and a local model after it ({@code --llm mistral,ollama}) for automatic local fallback;
 * with none answering, answers are extractive.
 */
@Command(
    name = "streamer",
    mixinStandardHelpOptions = true,
    description = {
      "StreamerAssistant: a FAQ assistant on a local HTTP API (POST /api/ask, POST /api/feedback,",
      "GET /health), remote model first, local fallback, extractive last. Ctrl-C stops it."
    },
    footer = {
      "",
      "Examples:",
      "  elavira app streamer --faq faq.yaml --docs rules.md \\",
      "      --llm mistral,ollama --model mistral-small-latest,llama3.2 --port 8090",
      "  curl -s localhost:8090/api/ask -d '{\"session\":\"viewer1\",\"message\":\"When do you"
          + " stream?\"}'"
    })
final class StreamerCommand implements Callable<Integer> {

  /** Default port. */
  static final int DEFAULT_PORT = 8090;

  /** How long Ctrl-C waits for the server and the home to close. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

  @Mixin private IndexOptions indexes;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Option(
      names = "--faq",
      required = true,
      paramLabel = "FILE",
      description = "Question/answer pairs, JSON or YAML (a list, or one under \"faq\").")
  private Path faq;

  @Option(
      names = "--docs",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Documents to answer from as well (files or folders).")
  private List<Path> docs = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port = DEFAULT_PORT;

  @Option(
      names = "--max-message-chars",
      paramLabel = "N",
      description = "Longest viewer message accepted (default ${DEFAULT-VALUE}).")
  private int maxMessageChars = StreamerAssistant.DEFAULT_MAX_MESSAGE_CHARS;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    llm.validate();
    indexes.validate();
    FaqKnowledgeBase faqBase = FaqKnowledgeBase.read(faq);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    ElaviraCli.root(spec).environment().interrupts().onInterrupt(stop::countDown);
    // Ctrl-C in a real process ends the JVM: let the server and the home close first.
    Thread onExit =
        new Thread(
            () -> {
              stop.countDown();
              try {
                finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "elavira-streamer-exit");
    Runtime.getRuntime().addShutdownHook(onExit);
    try (AgentSession session = AgentSession.open(home.home(), llm, indexes, err)) {
      IndexResult indexed = faqBase.indexInto(session.agent());
      out.println(
          "FAQ "
              + faq.getFileName()
              + ": "
              + faqBase.entries().size()
              + " pairs ("
              + indexed.status().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
      if (!docs.isEmpty()) {
        IngestProgress progress = new IngestProgress(out, err, IngestProgress.Style.FAILURES_ONLY);
        IngestReport report = session.pipeline(progress).ingest(docs);
        out.println("Documents: " + IngestCommand.summary(report, session.embeddedTexts()));
      }
      StreamerAssistant assistant =
          new StreamerAssistant(
              session.agent(), session.store().feedback(), session.llm(), maxMessageChars);
      try (StreamerServer server =
          StreamerServer.builder(assistant, AnswerJson::of).port(port).start()) {
        out.println(
            "StreamerAssistant on http://127.0.0.1:"
                + server.port()
                + " (POST /api/ask, POST /api/feedback, GET /health); Ctrl-C stops it.");
        out.flush();
        stop.await();
        out.println("Stopping.");
        out.flush();
      }
      return 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running.
      }
    }
  }
}
