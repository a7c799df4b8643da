package io.elavira.examples.cli;

import io.elavira.Answer;
import io.elavira.AnswerStream;
import io.elavira.ElaviraException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code elavira chat}: a conversation on standard input. Each line is a question; the answer is
 * streamed as it is written, then its sources are printed. {@code /exit}, {@code /quit} or end of
 * input quits. Works with piped input (no prompt is shown then).
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = "Chat with your documents; answers stream as they are written. /exit quits.")
final class ChatCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private ElaviraCli root;
  @Mixin private HomeOptions home;
  @Mixin private LlmOptions llm;
  @Mixin private ConversationOptions conversation;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean interactive = System.console() != null;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
    try (AgentSession session = AgentSession.open(home.home(), llm, err)) {
      session.hintWhenEmpty(home.home(), err);
      if (interactive) {
        out.println(
            "Elavira chat (conversation \""
                + conversation.conversationId
                + "\"). Ask a question; /exit quits.");
      }
      while (true) {
        if (interactive) {
          out.print("> ");
          out.flush();
        }
        String line = readLine(in);
        if (line == null) {
          break;
        }
        String question = line.strip();
        if (question.isEmpty()) {
          continue;
        }
        if (question.equals("/exit") || question.equals("/quit")) {
          break;
        }
        answer(session, question, out, err);
      }
      out.flush();
      return 0;
    }
  }

  private void answer(AgentSession session, String question, PrintWriter out, PrintWriter err) {
    AtomicBoolean streamed = new AtomicBoolean();
    try {
      AnswerStream stream =
          session.agent().stream(
              conversation.userId,
              conversation.conversationId,
              question,
              token -> {
                streamed.set(true);
                out.print(token);
                out.flush();
              });
      Answer answer = stream.await();
      if (!streamed.get()) {
        out.print(answer.text().strip());
      }
      out.println();
      AnswerPrinter.printSources(answer.sources(), out);
      out.println(AnswerPrinter.footer(answer));
      out.println();
      out.flush();
    } catch (ElaviraException e) {
      // One bad question (empty after trimming, too long...) does not end the conversation.
      out.println();
      out.flush();
      err.println("elavira: " + e.getMessage());
      err.flush();
    }
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read standard input", e);
    }
  }
}
