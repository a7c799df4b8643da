package io.elavira.ingest;

import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one file during ingestion: exactly one of {@code result} and {@code error} is
 * set.
 *
 * @param path the file (absolute, normalised when it was found by walking a folder; as given
 *     otherwise)
 * @param result what indexing did, or null when the file failed
 * @param error why the file failed (its reason and a message naming it), or null on success
 */
public record FileOutcome(
    Path path, @Nullable IndexResult result, @Nullable IngestException error) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException unless exactly one of result and error is set
   */
  public FileOutcome {
    Objects.requireNonNull(path, "path");
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of result and error must be set for " + path);
    }
  }

  /** A file that was indexed. */
  public static FileOutcome success(Path path, IndexResult result) {
    return new FileOutcome(path, Objects.requireNonNull(result, "result"), null);
  }

  /** A file that could not be ingested. */
  public static FileOutcome failure(Path path, IngestException error) {
    return new FileOutcome(path, null, Objects.requireNonNull(error, "error"));
  }

  /** Whether the file was indexed (added, updated or unchanged). */
  public boolean succeeded() {
    return result != null;
  }
}
