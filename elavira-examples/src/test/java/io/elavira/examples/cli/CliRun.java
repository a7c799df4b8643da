package io.elavira.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the elavira CLI in-process with captured output, as a user would from a shell: piped
 * standard input and no environment variable unless a test gives some.
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code elavira args...} with empty, piped standard input. */
  static CliRun run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code elavira args...} with {@code stdin} piped to standard input. */
  static CliRun runWithInput(String stdin, String... args) {
    return run(CliEnvironment.piped(stdin(stdin), Map.of()), args);
  }

  /** Runs {@code elavira args...} with the given environment variables and empty stdin. */
  static CliRun runWithVariables(Map<String, String> variables, String... args) {
    return run(CliEnvironment.piped(stdin(""), variables), args);
  }

  /** Runs {@code elavira args...} in {@code environment}. */
  static CliRun run(CliEnvironment environment, String... args) {
    return run(environment, new StringWriter(), args);
  }

  /**
   * Runs {@code elavira args...} in {@code environment}, writing standard output to {@code out} as
   * it comes (a test may watch it) as well as into the result.
   */
  static CliRun run(CliEnvironment environment, Writer out, String... args) {
    StringWriter captured = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(new Tee(captured, out), true);
        PrintWriter e = new PrintWriter(err, true)) {
      code = ElaviraCli.commandLine(environment, o, e, root -> {}).execute(args);
    }
    return new CliRun(code, captured.toString(), err.toString());
  }

  static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }

  /** Writes to two writers. */
  private static final class Tee extends Writer {
    private final Writer first;
    private final Writer second;

    Tee(Writer first, Writer second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws java.io.IOException {
      first.write(buffer, offset, length);
      second.write(buffer, offset, length);
    }

    @Override
    public void flush() throws java.io.IOException {
      first.flush();
      second.flush();
    }

    @Override
    public void close() throws java.io.IOException {
      first.close();
      second.close();
    }
  }
}
