package io.elavira.examples.apps;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixture documents, read in place; a test needing one is skipped when it is absent. */
public final class SharedDocs {
  private SharedDocs() {}

  /**
   * The fixture at {@code relative} under shared/data/docs; skips the test, saying where it looked,
   * when it is missing.
   */
  public static Path require(String relative) {
    String configured = System.getProperty("elavira.shared.dir");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    Path file = shared.resolve("data").resolve("docs").resolve(relative);
    assumeTrue(
        Files.isRegularFile(file),
        "shared test document "
            + file.toAbsolutePath()
            + " not found (set -Delavira.shared.dir=<path to shared>): skipping");
    return file;
  }
}
