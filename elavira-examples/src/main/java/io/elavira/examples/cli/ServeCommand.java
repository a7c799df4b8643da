package io.elavira.examples.cli;

import io.elavira.examples.server.ElaviraServer;
import java.io.PrintWriter;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code elavira serve}: the reference server (REST API, streaming, web UI) on an agent home, until
 * Ctrl-C. See docs/server.md.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the agent home over HTTP: REST API with streaming, web chat, admin dashboard.",
      "The first start creates the user admin with $ELAVIRA_ADMIN_PASSWORD, or prints a"
          + " one-time password."
    },
    footer = {
      "",
      "Examples:",
      "  ELAVIRA_ADMIN_PASSWORD='choose-a-long-one' elavira serve --port 8080",
      "  elavira serve --home ~/agents/work --llm ollama --model llama3.2"
    })
final class ServeCommand implements Callable<Integer> {

  /** How long Ctrl-C waits for the requests in flight and the agent to close. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Mixin private IndexOptions indexes;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port = ElaviraServer.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  private String host = ElaviraServer.DEFAULT_HOST;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      description = "Requests per minute per user (default: ${DEFAULT-VALUE}).")
  private int rateLimit = ElaviraServer.DEFAULT_REQUESTS_PER_MINUTE;

  @Option(
      names = "--max-upload-mb",
      paramLabel = "MB",
      description = "Largest uploaded file in MiB (default: ${DEFAULT-VALUE}).")
  private int maxUploadMb = (int) (ElaviraServer.DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024));

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      description = "An origin allowed to call the API from a browser (repeatable).")
  private List<String> corsOrigins = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port is 0 to 65535, got " + port);
    }
    if (rateLimit < 1 || maxUploadMb < 1) {
      throw new ParameterException(
          spec.commandLine(), "--rate-limit and --max-upload-mb are at least 1.");
    }
    llm.validate();
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "elavira-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (AgentSession session = AgentSession.open(home.home(), llm, indexes, err)) {
      ElaviraServer.Builder builder =
          ElaviraServer.builder()
              .home(home.home())
              .agent(session.agent())
              .store(session.store())
              .pipelines(session::pipeline)
              .agentComponents(
                  HomeComponents.of(
                      home.home(),
                      session.embeddings(),
                      ElaviraCli.root(spec).environment()::variable,
                      llm.offline()))
              .host(host)
              .port(port)
              .requestsPerMinute(rateLimit)
              .maxUploadBytes((long) maxUploadMb * 1024 * 1024)
              .corsOrigins(corsOrigins)
              .notices(err);
      String password = ElaviraCli.root(spec).environment().variable("ELAVIRA_ADMIN_PASSWORD");
      if (password != null && !password.isEmpty()) {
        builder.adminPassword(password);
      }
      if (session.llm() != null) {
        builder.llm(session.llm());
      }
      try (ElaviraServer server = builder.start()) {
        out.println(
            "Elavira server on http://" + host + ":" + server.port() + " (Ctrl-C stops it)");
        out.flush();
        stopped.await();
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }
}
