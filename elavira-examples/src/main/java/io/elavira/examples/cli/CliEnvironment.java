package io.elavira.examples.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one run of the tool takes from its process: standard input, whether standard input is an
 * interactive terminal, the environment variables, and where Ctrl-C is reported while {@code chat}
 * reads piped input. Injected so that tests run the tool in-process with their own input and
 * variables; {@link #ofProcess()} is the real thing.
 *
 * @param in standard input: questions for {@code chat}, and for {@code ask} without a question
 * @param interactive whether standard input (and output) is a terminal a person types into
 * @param variables the environment variables ({@code ELAVIRA_HOME}, {@code OLLAMA_HOST})
 * @param interrupts where {@code chat} on piped input registers what Ctrl-C does; on a terminal
 *     JLine traps Ctrl-C itself
 */
record CliEnvironment(
    InputStream in, boolean interactive, Map<String, String> variables, InterruptTrap interrupts) {

  /** Copies the variables. */
  CliEnvironment {
    Objects.requireNonNull(in, "in");
    variables = Map.copyOf(variables);
    Objects.requireNonNull(interrupts, "interrupts");
  }

  /**
   * The process's own streams and variables. Standard input counts as interactive when the JVM has
   * a console (both standard input and output are terminals). Piped {@code chat} keeps the JVM's
   * default Ctrl-C behaviour: the whole pipeline stops.
   */
  static CliEnvironment ofProcess() {
    return new CliEnvironment(
        System.in, isTerminal(), System.getenv(), InterruptTrap.PROCESS_DEFAULT);
  }

  /**
   * Whether standard input and output are a terminal. On Java 17 to 21 the JVM has a console only
   * then; from Java 22 it always has one, and {@code Console.isTerminal()} (looked up by
   * reflection, as the tool compiles for 17) tells.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: see the javadoc
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before Java 22: a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Piped (non-interactive) input and the given variables, with no Ctrl-C. */
  static CliEnvironment piped(InputStream in, Map<String, String> variables) {
    return new CliEnvironment(in, false, variables, InterruptTrap.PROCESS_DEFAULT);
  }

  /** An environment variable, or null when it is unset or blank. */
  @Nullable String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Says what Ctrl-C does while a command runs. */
  @FunctionalInterface
  interface InterruptTrap {

    /** Leaves Ctrl-C to the JVM: it ends the process. */
    InterruptTrap PROCESS_DEFAULT = action -> {};

    /**
     * Runs {@code action} on each Ctrl-C from now on, replacing the previous action.
     *
     * @param action what Ctrl-C does; called on another thread than the command's
     */
    void onInterrupt(Runnable action);
  }
}
