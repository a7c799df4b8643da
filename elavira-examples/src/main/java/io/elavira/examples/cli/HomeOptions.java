package io.elavira.examples.cli;

import io.elavira.store.ElaviraStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code -H, --home} option shared by the commands that work on a persistent agent home; also
 * accepted before the command.
 *
 * <p>Resolution order: {@code --home} after the command, {@code --home} before it, the {@code
 * ELAVIRA_HOME} environment variable, then {@code ~/.elavira}.
 */
final class HomeOptions {

  /** Environment variable naming the default agent home. */
  static final String HOME_ENV = "ELAVIRA_HOME";

  /** The home's folder name under the user's home directory when nothing else names one. */
  static final String DEFAULT_FOLDER = ".elavira";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-H", "--home"},
      paramLabel = "DIR",
      description = "Agent home holding elavira.db (default: $ELAVIRA_HOME or ~/.elavira).")
  private @Nullable Path home;

  /** The agent home to use, absolute. */
  Path home() {
    if (home != null) {
      return home.toAbsolutePath();
    }
    Path global = ElaviraCli.inherited(mixee, "home", HomeOptions.class, o -> o.home);
    if (global != null) {
      return global.toAbsolutePath();
    }
    String env = ElaviraCli.root(mixee).environment().variable(HOME_ENV);
    if (env != null) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), DEFAULT_FOLDER);
  }

  /**
   * Opens the home's store, lets {@code report} print to the command's standard output, then
   * flushes it and closes the store: how the commands that read or edit the home's records print.
   *
   * @return the exit code, 0
   * @throws Exception what {@code report} throws, after the store is closed
   */
  int print(StoreReport report) throws Exception {
    PrintWriter out = mixee.commandLine().getOut();
    try (ElaviraStore store = AgentSession.openStore(home())) {
      report.print(store, out);
      out.flush();
      return 0;
    }
  }

  /** What a command prints from the home's store ({@link #print}). */
  @FunctionalInterface
  interface StoreReport {
    /**
     * Reads (or edits) {@code store} and prints the outcome.
     *
     * @throws Exception to fail the command, as {@code call()} may
     */
    void print(ElaviraStore store, PrintWriter out) throws Exception;
  }
}
