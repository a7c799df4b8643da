package io.elavira.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a main class of the test class path in a child JVM whose home ({@code HOME} and {@code
 * user.home}), XDG cache and temporary folder are new empty folders of a sandbox, so that a test
 * can check what the code wrote outside the folders it was given: a fresh JVM also means fresh
 * library state (PDFBox's font cache is written once per JVM).
 */
public final class SandboxedJvm {

  /**
   * How the child ended.
   *
   * @param ended whether it ended before the time limit (it is killed otherwise)
   * @param exitCode its exit code, -1 when it did not end
   * @param output what it printed, standard output and error together
   * @param home its home folder, empty when it started
   * @param tmp its temporary folder, empty when it started
   */
  public record Run(boolean ended, int exitCode, String output, Path home, Path tmp) {}

  private SandboxedJvm() {}

  /**
   * Runs {@code main} with {@code args} in a child JVM whose home is {@code sandbox/home} and
   * temporary folder {@code sandbox/tmp} (both created, so they must not exist), its output written
   * to {@code sandbox/child.out}.
   *
   * @param limit how long the child may run before it is killed
   */
  public static Run run(Path sandbox, Duration limit, Class<?> main, String... args)
      throws IOException, InterruptedException {
    Path home = Files.createDirectory(sandbox.resolve("home"));
    Path tmp = Files.createDirectory(sandbox.resolve("tmp"));
    Path output = sandbox.resolve("child.out");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    builder.environment().put("TMPDIR", tmp.toString());

    Process child = builder.start();
    boolean ended = child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    return new Run(ended, ended ? child.exitValue() : -1, printed, home, tmp);
  }

  /** The files and folders under {@code dir}, at any depth, without {@code dir} itself. */
  public static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> !p.equals(dir)).toList();
    }
  }
}
