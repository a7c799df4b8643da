package io.elavira.examples.cli;

import io.elavira.Answer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira ask "question"}: answers one question from the ingested documents and prints the
 * answer with its sources, or one JSON object with {@code --json}.
 *
 * <p>Each {@code ask} is its own new conversation unless {@code --conversation ID} names one (or
 * {@code -c} continues the user's last one), so that an answer never depends on an unrelated
 * earlier question. The question comes from the command line, or from standard input when none is
 * given or it is {@code -}.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer a question from your documents, with sources.",
      "Each ask is a new conversation: -c continues your last one, --conversation ID",
      "a given one.",
      "With --json, one object: answer, mode, reason, provider, model, latencyMs, "
          + "conversationId, traceId, sources."
    },
    footer = {
      "",
      "Examples:",
      "  elavira ask \"When is the tax return due?\"",
      "  echo \"When is the tax return due?\" | elavira ask --json",
      "  elavira ask - < question.txt"
    })
final class AskCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private IndexOptions indexes;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "agent")
  private AgentOption agent;

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
          "The question (its words are joined with spaces). Without it, or with -, the question is"
              + " read from standard input.")
  private List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String userId = user.userId();
    conversation.validate();
    llm.validate();
    indexes.validate();
    String question =
        QuestionInput.read(words, ElaviraCli.root(spec).environment(), spec.commandLine());
    try (AgentSession session =
        AgentSession.open(home.home(), llm, indexes, err, agent.agentId())) {
      session.hintWhenEmpty(home.home(), err);
      String conversationId = conversation.choose(session, userId, err);
      Answer answer = session.agent().ask(userId, conversationId, question);
      if (json.enabled()) {
        AnswerPrinter.printJson(answer, out);
      } else {
        AnswerPrinter.print(answer, out);
      }
      return 0;
    }
  }
}
