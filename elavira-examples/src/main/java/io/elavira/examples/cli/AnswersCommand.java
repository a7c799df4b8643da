package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.WorkerAnswer;
import io.elavira.store.AnswerTrace;
import io.elavira.store.StoredMessage;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira answers show ANSWER-ID [--json]}: the stored trace of one answer, named by the
 * {@code traceId} of {@code ask --json} (as {@code elavira feedback} names it): how it was routed
 * and why, every provider tried, and, when several models answered together, every worker's answer
 * or failure with its time and the merger. Reads the home's records only: no model is loaded.
 */
@Command(
    name = "answers",
    mixinStandardHelpOptions = true,
    description = "Show how a stored answer was made: route, attempts, every consensus worker.",
    subcommands = AnswersCommand.Show.class,
    footer = {
      "",
      "Examples:",
      "  elavira answers show 3f2c9a1e-...",
      "  elavira answers show 3f2c9a1e-... --json"
    })
final class AnswersCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: show ANSWER-ID (the traceId of ask --json).");
  }

  /** {@code answers show ANSWER-ID}: the trace, for people or as one JSON object. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "The answer, its route and why, every provider tried, and every consensus worker's",
        "answer or failure with its time. The id is the traceId printed by ask --json.",
        "With --json: {traceId, agent, conversationId, createdAt, answer, provider, model,",
        "latencyMs, attempts, route, consensus} (route and consensus when the answer has them)."
      })
  static final class Show implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "ANSWER-ID", description = "traceId of the answer.")
    private String traceId;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            AnswerTrace trace =
                store
                    .conversations()
                    .answer(traceId)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "No answer has the id '"
                                    + traceId
                                    + "' in "
                                    + home.home()
                                    + ": give the traceId printed by `elavira ask --json`."));
            if (json.enabled()) {
              out.println(JSON.writeValueAsString(AnswerTraceJson.of(trace)));
            } else {
              print(trace, out);
            }
          });
    }
  }

  /** Prints a trace for people: the answer, how it was made, then its route and consensus. */
  static void print(AnswerTrace trace, PrintWriter out) {
    StoredMessage m = trace.answer();
    out.println(
        "Answer "
            + m.traceId()
            + "  agent "
            + trace.agentId()
            + "  conversation "
            + m.conversationId()
            + "  "
            + m.createdAt());
    out.println(m.content().strip());
    out.println();
    out.println(
        "Made by " + m.provider() + "/" + m.model() + " in " + m.latencyMs() + " ms" + tried(m));
    Route route = trace.route();
    if (route == null) {
      out.println("Route: none recorded (the agent has no router)");
    } else {
      out.println(
          "Route: agent "
              + route.agentId()
              + ", "
              + route.chain().name().toLowerCase(Locale.ROOT)
              + " chain, "
              + (route.retrieval() ? "documents searched" : "documents not searched"));
      route.reasons().forEach(r -> out.println("  - " + r));
    }
    ConsensusOutcome consensus = trace.consensus();
    if (consensus == null) {
      out.println("Consensus: none (no multi-model consensus made this answer)");
      return;
    }
    out.println(
        "Consensus: "
            + consensus.strategy()
            + ", "
            + consensus.workers().size()
            + " workers, "
            + consensus.failedWorkers()
            + " failed, "
            + consensus.elapsed().toMillis()
            + " ms");
    int n = 1;
    for (WorkerAnswer w : consensus.workers()) {
      String head = "  [" + n++ + "] " + w.provider() + "/" + w.model();
      if (w.answered()) {
        out.println(head + "  answered in " + w.latency().toMillis() + " ms");
        out.println(indent(String.valueOf(w.text()).strip()));
      } else {
        out.println(head + "  failed: " + w.kind() + " after " + w.latency().toMillis() + " ms");
      }
    }
    Attempt merger = consensus.merger();
    if (merger != null) {
      out.println(
          "  merger "
              + merger.provider()
              + "/"
              + merger.model()
              + "  "
              + outcome(merger)
              + " in "
              + merger.elapsed().toMillis()
              + " ms");
    }
  }

  /** "; tried a/m (answered), b/m (failed: TIMEOUT)" for more than one attempt, else "". */
  private static String tried(StoredMessage m) {
    if (m.attempts().size() < 2) {
      return "";
    }
    StringBuilder line = new StringBuilder("; tried ");
    for (int i = 0; i < m.attempts().size(); i++) {
      Attempt a = m.attempts().get(i);
      line.append(i == 0 ? "" : ", ")
          .append(a.provider())
          .append('/')
          .append(a.model())
          .append(" (")
          .append(outcome(a))
          .append(')');
    }
    return line.toString();
  }

  private static String outcome(Attempt a) {
    return switch (a.outcome()) {
      case ANSWERED -> "answered";
      case FAILED -> "failed: " + a.kind();
      case SKIPPED_BREAKER_OPEN -> "skipped: circuit breaker open";
    };
  }

  private static String indent(@Nullable String text) {
    return text == null ? "" : "      " + text.replace("\n", "\n      ");
  }
}
