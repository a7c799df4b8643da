package io.elavira.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --home} option shared by the commands that work on a persistent agent home.
 *
 * <p>Resolution order: {@code --home}, then the {@code ELAVIRA_HOME} environment variable, then
 * {@code ~/.elavira}.
 */
final class HomeOptions {

  /** Environment variable naming the default agent home. */
  static final String HOME_ENV = "ELAVIRA_HOME";

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Agent home holding elavira.db (default: $ELAVIRA_HOME or ~/.elavira).")
  private Path home;

  /** The agent home to use, never null. */
  Path home() {
    if (home != null) {
      return home.toAbsolutePath();
    }
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".elavira");
  }
}
