package io.elavira.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared fixtures (system property {@code elavira.shared.dir}, else ../shared). */
public final class SharedData {
  private SharedData() {}

  /** The shared fixture directory; skips the calling test when it is absent. */
  public static Path dir() {
    String property = System.getProperty("elavira.shared.dir");
    Path dir =
        property != null
            ? Path.of(property)
            : Files.isDirectory(Path.of("..", "shared"))
                ? Path.of("..", "shared")
                : Path.of("..", "..", "shared");
    assumeTrue(
        Files.isDirectory(dir.resolve("data/docs")),
        "Shared fixtures not found at "
            + dir.toAbsolutePath()
            + "; set -Delavira.shared.dir=<path to shared> to run this test");
    return dir.toAbsolutePath().normalize();
  }

  /** A fixture under shared/data/docs, e.g. {@code "text/README.md"}; skips when absent. */
  public static Path doc(String relative) {
    Path file = dir().resolve("data/docs").resolve(relative);
    assumeTrue(Files.isRegularFile(file), "Shared fixture missing: " + file);
    return file;
  }

  /** A fixture under shared/data/chat-exports, e.g. {@code "claude/claude_conversations.json"}. */
  public static Path chat(String relative) {
    Path file = dir().resolve("data/chat-exports").resolve(relative);
    assumeTrue(Files.isRegularFile(file), "Shared fixture missing: " + file);
    return file;
  }

  /** The bytes of a fixture under shared/data/chat-exports. */
  public static byte[] chatBytes(String relative) {
    try {
      return Files.readAllBytes(chat(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a fixture under shared/data/docs. */
  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(doc(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
