package io.elavira.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the elavira CLI in-process with captured output, as a user would from a shell. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code elavira args...} with empty standard input. */
  static CliRun run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code elavira args...} with {@code stdin} piped to standard input. */
  static CliRun runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      code =
          ElaviraCli.commandLine(
                  new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e)
              .execute(args);
    }
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
