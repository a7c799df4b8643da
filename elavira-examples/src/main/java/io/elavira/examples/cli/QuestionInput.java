package io.elavira.examples.cli;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.guard.InputRejectedException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where the question of {@code ask} comes from: its words on the command line, or standard input
 * when there are none (piped) or when the only word is {@code -}. Checked against the agent's
 * length limit before anything slow starts.
 */
final class QuestionInput {

  /** The word that means "read the question from standard input". */
  static final String STDIN = "-";

  /** The longest question, in characters: the limit of the agent the CLI builds. */
  static final int MAX_QUESTION_CHARS = ElaviraAgentBuilder.DEFAULT_MAX_QUESTION_CHARS;

  private QuestionInput() {}

  /**
   * The question, stripped of surrounding white space.
   *
   * @param words the words after {@code ask}, possibly none
   * @param environment standard input and whether it is a terminal
   * @param commandLine the {@code ask} command, for usage errors
   * @throws ParameterException when there are no words and standard input is a terminal: nothing
   *     would tell the user that the tool waits for them to type
   * @throws InputRejectedException when the question is empty or longer than {@link
   *     #MAX_QUESTION_CHARS}
   */
  static String read(List<String> words, CliEnvironment environment, CommandLine commandLine) {
    String question;
    boolean fromStdin = words.isEmpty() || words.equals(List.of(STDIN));
    if (words.isEmpty() && environment.interactive()) {
      throw new ParameterException(
          commandLine,
          "Missing question: elavira ask \"What is in my documents?\", or pipe it in:"
              + " echo \"What is in my documents?\" | elavira ask");
    }
    if (fromStdin) {
      question = readAll(environment);
    } else {
      question = String.join(" ", words);
    }
    question = question.strip();
    if (question.isEmpty()) {
      throw new InputRejectedException(
          fromStdin
              ? "The question on standard input is empty: ask something, e.g. echo \"What is in"
                  + " my documents?\" | elavira ask"
              : "The question is empty: ask something, e.g. elavira ask \"What is in my"
                  + " documents?\"");
    }
    if (question.length() > MAX_QUESTION_CHARS) {
      throw new InputRejectedException(
          "The question is "
              + question.length()
              + " characters long; the limit is "
              + MAX_QUESTION_CHARS
              + " characters: shorten it.");
    }
    return question;
  }

  /**
   * Reads standard input to its end. Keeps only the first characters beyond the limit (enough to
   * tell that the question is too long) but counts them all, so that a huge input costs no memory.
   */
  private static String readAll(CliEnvironment environment) {
    StringBuilder kept = new StringBuilder();
    long total = 0;
    char[] buffer = new char[8192];
    // Not closed: standard input belongs to the process.
    Reader reader = new InputStreamReader(environment.in(), StandardCharsets.UTF_8);
    try {
      int n;
      while ((n = reader.read(buffer)) != -1) {
        total += n;
        int room = 2 * MAX_QUESTION_CHARS - kept.length();
        if (room > 0) {
          kept.append(buffer, 0, Math.min(n, room));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the question from standard input", e);
    }
    if (total > kept.length()) {
      throw new InputRejectedException(
          "The question on standard input is "
              + total
              + " characters long; the limit is "
              + MAX_QUESTION_CHARS
              + " characters: shorten it.");
    }
    return kept.toString();
  }
}
