package io.elavira.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The lines {@code chat} reads: typed on a terminal (with line editing, see {@link TerminalInput})
 * or piped. Used by one thread; closed once.
 */
interface LineInput extends AutoCloseable {

  /**
   * Shows {@code prompt} (on a terminal) and reads the next line.
   *
   * @return the line without its end, or null at the end of input (Ctrl-D, or Ctrl-C at the prompt)
   */
  @Nullable String readLine(String prompt);

  /** Whether a person types the lines: then prompts and greetings are shown. */
  boolean interactive();

  /** Restores the terminal when there is one; leaves standard input open. */
  @Override
  void close();

  /**
   * Lines piped to standard input: no prompt, no editing, no history.
   *
   * @param in standard input; not closed
   */
  static LineInput piped(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new LineInput() {
      @Override
      public @Nullable String readLine(String prompt) {
        try {
          return reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException("Could not read standard input", e);
        }
      }

      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public void close() {
        // Standard input belongs to the process.
      }
    };
  }
}
