package io.elavira.examples.cli;

import io.elavira.Answer;
import io.elavira.AnswerStream;
import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.llm.LlmException;
import io.elavira.llm.Role;
import io.elavira.store.StoredMessage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The conversation loop of {@code chat}: reads a line, runs it as a command when it starts with
 * {@code /}, otherwise streams the answer to it.
 *
 * <p>Commands ({@code /help}, {@code /new}, {@code /history}, {@code /exit}) are handled here and
 * never reach the agent: they are neither sent to the model nor stored. {@link #interrupt()}, what
 * Ctrl-C does, cancels the answer being streamed and the loop goes on with the next line.
 *
 * <p>Threading: {@link #run} on one thread; {@link #interrupt()} from any thread (a signal
 * handler).
 */
final class ChatLoop {

  /** The prompt shown on a terminal. */
  static final String PROMPT = "> ";

  /** Messages shown by {@code /history}: the most recent ones. */
  static final int HISTORY_SHOWN = 50;

  /** Printed on standard error when Ctrl-C stopped an answer. */
  static final String CANCELLED = "[answer cancelled: nothing of it was kept]";

  private static final String HELP =
      String.join(
          System.lineSeparator(),
          "Type a question and press Enter; the answer is written as it comes.",
          "  /help      this help",
          "  /new       start a new conversation",
          "  /history   show the messages of this conversation",
          "  /exit      quit (also /quit, /bye, Ctrl-D)",
          "Ctrl-C stops an answer being written. Start a line with a space to ask a question that"
              + " begins with /.");

  private final ElaviraAgent agent;
  private final String userId;
  private final PrintWriter out;
  private final PrintWriter err;
  private final AtomicReference<@Nullable AnswerStream> current = new AtomicReference<>();
  // Set by a Ctrl-C that came while the answer was starting, before its stream was known.
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private String conversationId;

  ChatLoop(
      ElaviraAgent agent, String userId, String conversationId, PrintWriter out, PrintWriter err) {
    this.agent = agent;
    this.userId = userId;
    this.conversationId = conversationId;
    this.out = out;
    this.err = err;
  }

  /** The conversation the next question goes to. */
  String conversationId() {
    return conversationId;
  }

  /**
   * What Ctrl-C does while no line is being read: cancels the answer being streamed, if any. The
   * loop prints that it was cancelled and reads the next line. Safe from any thread; does nothing
   * between answers.
   */
  void interrupt() {
    interrupted.set(true);
    AnswerStream stream = current.get();
    if (stream != null) {
      stream.cancel();
    }
  }

  /** Reads and answers lines until the end of input or {@code /exit}. */
  void run(LineInput input) {
    if (input.interactive()) {
      out.println(
          "Elavira chat, conversation "
              + conversationId
              + ". /help for help; /exit or Ctrl-D quits.");
      out.flush();
    }
    while (true) {
      String line = input.readLine(PROMPT);
      if (line == null) {
        break;
      }
      if (line.startsWith("/")) {
        if (!command(line.strip())) {
          break;
        }
        continue;
      }
      String question = line.strip();
      if (!question.isEmpty()) {
        answer(question);
      }
    }
    out.flush();
  }

  /** Runs a command; returns false when the chat ends. */
  private boolean command(String line) {
    String name = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    switch (name) {
      case "/exit", "/quit", "/bye" -> {
        return false;
      }
      case "/help", "/?" -> out.println(HELP);
      case "/new" -> {
        conversationId = ConversationOptions.newConversationId();
        out.println("New conversation " + conversationId + ".");
      }
      case "/history" -> printHistory();
      default -> {
        err.println(
            "elavira: unknown command "
                + name
                + " (nothing was sent); /help lists the commands. Start the line with a space to"
                + " ask a question that begins with /.");
        err.flush();
      }
    }
    out.flush();
    return true;
  }

  private void printHistory() {
    List<StoredMessage> messages = agent.history(conversationId, HISTORY_SHOWN);
    if (messages.isEmpty()) {
      out.println("No messages yet in conversation " + conversationId + ".");
      return;
    }
    for (StoredMessage message : messages) {
      String who = message.role() == Role.USER ? "you" : "elavira";
      out.println(who + ": " + message.content().strip());
    }
  }

  private void answer(String question) {
    AtomicBoolean streamed = new AtomicBoolean();
    interrupted.set(false);
    try {
      AnswerStream stream =
          agent.stream(
              userId,
              conversationId,
              question,
              token -> {
                streamed.set(true);
                out.print(token);
                out.flush();
              });
      current.set(stream);
      if (interrupted.get()) {
        stream.cancel();
      }
      Answer answer;
      try {
        answer = stream.await();
      } finally {
        current.set(null);
      }
      if (!streamed.get()) {
        out.print(answer.text().strip());
      }
      out.println();
      AnswerPrinter.printSources(answer.sources(), out);
      out.println(AnswerPrinter.footer(answer));
      out.println();
      out.flush();
    } catch (LlmException e) {
      out.println();
      out.flush();
      if (e.kind() == LlmException.Kind.CANCELLED) {
        err.println(CANCELLED);
      } else {
        err.println("elavira: " + e.getMessage());
      }
      err.flush();
    } catch (ElaviraException | IllegalArgumentException e) {
      // One bad question (too long, a conversation of another user...) does not end the chat.
      out.println();
      out.flush();
      err.println("elavira: " + e.getMessage());
      err.flush();
    }
  }
}
