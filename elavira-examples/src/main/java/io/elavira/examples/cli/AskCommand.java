package io.elavira.examples.cli;

import io.elavira.Answer;
import io.elavira.ElaviraException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira ask "question"}: answers one question from the ingested documents and prints the
 * answer with its sources, or one JSON object with {@code --json}. The exchange is stored in the
 * conversation, so the next {@code ask} with the same {@code --conversation} sees it.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = "Answer a question from your documents, with sources.")
final class AskCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HomeOptions home;
  @Mixin private LlmOptions llm;
  @Mixin private ConversationOptions conversation;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: answer, mode, provider, model, "
              + "latencyMs, conversationId, traceId, sources.")
  private boolean json;

  @Parameters(
      arity = "1..*",
      paramLabel = "QUESTION",
      description = "The question (quote it, or its words are joined with spaces).")
  private List<String> words;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String question = String.join(" ", words).strip();
    if (question.isEmpty()) {
      throw new ElaviraException(
          "The question is empty: ask something, e.g. elavira ask \"What is in my documents?\"");
    }
    try (AgentSession session = AgentSession.open(home.home(), llm, err)) {
      session.hintWhenEmpty(home.home(), err);
      Answer answer =
          session.agent().ask(conversation.userId, conversation.conversationId, question);
      if (json) {
        AnswerPrinter.printJson(answer, out);
      } else {
        AnswerPrinter.print(answer, out);
      }
      return 0;
    }
  }
}
