package io.elavira.vector.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness of the embedded stores' crash tests: runs a writer's {@code main} in a child JVM,
 * waits until it has acknowledged some writes, and kills it with SIGKILL (no shutdown hook, no
 * {@code close()}), so that the kill lands inside some write.
 *
 * <p>The child prints {@value #ACKNOWLEDGED} followed by the number of records its store holds
 * after each write returns; the harness returns the last number it read.
 */
public final class KilledWriter {
  /** The line prefix a child prints after each write has returned. */
  public static final String ACKNOWLEDGED = "committed ";

  private KilledWriter() {}

  /**
   * Starts {@code main} with {@code args}, waits for {@code writes} acknowledgements, kills it.
   *
   * @return the record count of the last acknowledgement read before the kill
   */
  public static int runAndKill(Class<?> main, int writes, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    int acknowledged = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while (seen < writes && (line = out.readLine()) != null) {
        if (line.startsWith(ACKNOWLEDGED)) {
          acknowledged = Integer.parseInt(line.substring(ACKNOWLEDGED.length()));
          seen++;
        }
      }
      assertThat(seen).as("writer output before it died").isEqualTo(writes);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    return acknowledged;
  }

  /**
   * Prints an acknowledgement from the child.
   *
   * @param count the records the store holds after the write returned
   */
  public static void acknowledge(int count) {
    System.out.println(ACKNOWLEDGED + count);
    System.out.flush();
  }
}
