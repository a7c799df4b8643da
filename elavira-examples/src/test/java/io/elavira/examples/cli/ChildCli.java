package io.elavira.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code elavira} ({@link ElaviraCli}) in a child JVM as a user's shell would: the class
 * path in the {@code CLASSPATH} variable, the home and XDG cache in a sandbox folder, none of the
 * test's {@code OLLAMA_HOST}, {@code ELAVIRA_HOME} or {@code JAVA_TOOL_OPTIONS}, standard input
 * empty, standard output and error into files.
 */
final class ChildCli {

  private ChildCli() {}

  /** The command line: java, a few start-up flags, the main class and {@code args}. */
  static List<String> command(Path sandbox, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-Duser.home=" + sandbox));
    command.add(ElaviraCli.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code command} (from {@link #command}) with its home in {@code sandbox}. */
  static Process start(List<String> command, Path sandbox, Path out, Path err) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("CLASSPATH", System.getProperty("java.class.path"));
    env.put("HOME", sandbox.toString());
    env.put("XDG_CACHE_HOME", sandbox.resolve(".cache").toString());
    env.remove("OLLAMA_HOST");
    env.remove(HomeOptions.HOME_ENV);
    env.remove("JAVA_TOOL_OPTIONS");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return builder.start();
  }
}
