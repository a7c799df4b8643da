package io.elavira.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder under the system's temporary directory for one benchmark run, deleted with everything in
 * it on {@link #close()}: the benchmarks leave nothing behind (an index at 1M vectors is over a
 * gigabyte). Close it after the stores that write into it.
 */
final class ScratchFolder implements AutoCloseable {
  private final Path path;

  private ScratchFolder(Path path) {
    this.path = path;
  }

  /** Creates a new folder whose name starts with {@code prefix}. */
  static ScratchFolder create(String prefix) throws IOException {
    return new ScratchFolder(Files.createTempDirectory(prefix));
  }

  /** The folder. */
  Path path() {
    return path;
  }

  /** A new, empty folder inside this one whose name starts with {@code prefix}. */
  Path newFolder(String prefix) {
    try {
      return Files.createTempDirectory(path, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the folder and everything in it. */
  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + path, e);
    }
  }
}
