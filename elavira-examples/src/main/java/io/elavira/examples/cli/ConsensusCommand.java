package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.Answer;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.WorkerAnswer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira app consensus}: ConsensusChat. Every question goes to several local models at once
 * (the workers of {@code --llm}); the {@code --consensus} strategy makes one answer of theirs; each
 * worker's answer is shown, then the strategy and the consensus with its sources. One question from
 * the command line, or a conversation read line by line from standard input.
 */
@Command(
    name = "consensus",
    mixinStandardHelpOptions = true,
    description = {
      "ConsensusChat: several local models answer, a strategy makes the consensus; shows each.",
      "Needs --consensus STRATEGY and two or more workers in --llm."
    },
    footer = {
      "",
      "Examples:",
      "  elavira app consensus --consensus merger --llm llamacpp,llamacpp \\",
      "      --llm-url http://127.0.0.1:8080,http://127.0.0.1:8081 --merger ollama:llama3.2 \\",
      "      \"How do I cancel my subscription?\"",
      "  elavira app consensus --consensus majority --llm ollama,ollama,ollama \\",
      "      --model llama3.2,qwen2.5,mistral            # then type questions, one per line"
    })
final class ConsensusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin private IndexOptions indexes;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Mixin(name = "user")
  private UserOption user;

  @Mixin(name = "json")
  private JsonOption json;

  @Mixin private ConversationOptions conversation;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUESTION",
      description =
          "The question; without it, questions are read one per line from standard input.")
  private List<String> words = new ArrayList<>();

  /**
   * One exchange, as {@code --json} prints it: the workers, the strategy, the consensus.
   *
   * @param strategy the {@code --consensus} strategy
   * @param workers each worker's part; empty when no model was asked
   * @param consensus the answer, in the shape of {@code ask --json}
   */
  @JsonPropertyOrder({"strategy", "workers", "consensus"})
  record ExchangeJson(String strategy, List<AnswerJson.WorkerJson> workers, AnswerJson consensus) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    conversation.validate();
    String strategy = llm.offline() ? null : llm.consensusStrategy();
    if (strategy == null) {
      throw new ParameterException(
          spec.commandLine(),
          "app consensus needs --consensus merger|majority|weighted|best_of and two or more"
              + " workers in --llm (not --offline).");
    }
    if (llm.choice(true).entries().size() < 2) {
      throw new ParameterException(
          spec.commandLine(),
          "app consensus needs two or more workers: list them in --llm, e.g. --llm"
              + " llamacpp,llamacpp --llm-url URL1,URL2.");
    }
    llm.validate();
    indexes.validate();
    String userId = user.userId();
    try (AgentSession session = AgentSession.open(home.home(), llm, indexes, err)) {
      session.hintWhenEmpty(home.home(), err);
      String conversationId = conversation.choose(session, userId, err);
      if (!words.isEmpty()) {
        exchange(session, userId, conversationId, String.join(" ", words), strategy, out);
        return 0;
      }
      CliEnvironment environment = ElaviraCli.root(spec).environment();
      try (LineInput input = LineInput.piped(environment.in())) {
        for (String line = input.readLine(""); line != null; line = input.readLine("")) {
          if (!line.isBlank()) {
            exchange(session, userId, conversationId, line, strategy, out);
          }
        }
      }
      return 0;
    }
  }

  private void exchange(
      AgentSession session,
      String userId,
      String conversationId,
      String question,
      String strategy,
      PrintWriter out)
      throws Exception {
    Answer answer = session.agent().ask(userId, conversationId, question);
    ConsensusOutcome consensus = answer.consensus();
    List<WorkerAnswer> workers = consensus == null ? List.of() : consensus.workers();
    if (json.enabled()) {
      out.println(
          JSON.writeValueAsString(
              new ExchangeJson(
                  strategy,
                  workers.stream().map(AnswerJson.WorkerJson::of).toList(),
                  AnswerJson.of(answer))));
      out.flush();
      return;
    }
    out.println("Q: " + question);
    out.println();
    if (workers.isEmpty()) {
      out.println("Workers: none answered (see below why the answer is extractive).");
    } else {
      out.println("Workers:");
      for (WorkerAnswer w : workers) {
        String head =
            String.format(
                Locale.ROOT, "  [%s/%s, %d ms]", w.provider(), w.model(), w.latency().toMillis());
        String text = w.text();
        out.println(text != null ? head + " " + text.strip() : head + " FAILED (" + w.kind() + ")");
      }
    }
    out.println();
    out.println("Strategy: " + strategy);
    out.println("Consensus:");
    AnswerPrinter.print(answer, out);
    out.println();
  }
}
