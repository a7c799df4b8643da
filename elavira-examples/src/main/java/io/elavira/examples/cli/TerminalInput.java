package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Lines typed on the terminal, read with JLine: line editing, and a history kept in one file of the
 * agent home (nothing is written anywhere else).
 *
 * <p>Ctrl-C at the prompt and Ctrl-D end the input. Ctrl-C while no line is being read (an answer
 * is being written) runs the action given to {@link #open}; JLine takes the signal from the JVM for
 * that, so the process does not end.
 */
final class TerminalInput implements LineInput {

  /** The history file's name in the agent home. */
  static final String HISTORY_FILE = "chat-history";

  /** Lines kept in the history. */
  static final int HISTORY_SIZE = 1000;

  private final Terminal terminal;
  private final LineReader reader;

  private TerminalInput(Terminal terminal, LineReader reader) {
    this.terminal = terminal;
    this.reader = reader;
  }

  /**
   * Opens the process's terminal.
   *
   * @param home the agent home, where the history is kept
   * @param onInterrupt what Ctrl-C does while no line is being read; runs on a signal thread
   * @throws ElaviraException when the terminal cannot be opened
   */
  static TerminalInput open(Path home, Runnable onInterrupt) {
    Terminal terminal;
    try {
      terminal = TerminalBuilder.builder().system(true).dumb(true).build();
    } catch (IOException e) {
      throw new ElaviraException(
          "Could not open the terminal for chat: " + e.getMessage() + "; pipe the questions in.",
          e);
    }
    terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
    // Questions are prose: no quoting, escapes or !history expansion, and an apostrophe never
    // opens a multi-line quote.
    DefaultParser parser = new DefaultParser();
    parser.setEofOnUnclosedQuote(false);
    parser.setEofOnEscapedNewLine(false);
    parser.setQuoteChars(new char[0]);
    parser.setEscapeChars(new char[0]);
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("elavira")
            .parser(parser)
            .variable(LineReader.HISTORY_FILE, home.resolve(HISTORY_FILE))
            .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
            .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
            .build();
    return new TerminalInput(terminal, reader);
  }

  @Override
  public @Nullable String readLine(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void close() {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      // The history is a convenience: losing its last lines is no reason to fail the chat.
    }
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not restore the terminal", e);
    }
  }
}
