package io.elavira.ingest;

import io.elavira.document.IndexResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one {@link IngestionPipeline#ingest} run: one outcome per file, in the order the
 * files were processed.
 *
 * @param outcomes what happened to each file, copied
 * @param elapsed how long the run took
 */
public record IngestReport(List<FileOutcome> outcomes, Duration elapsed) {
  /** Validates and copies. */
  public IngestReport {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Files indexed for the first time. */
  public int added() {
    return count(IndexResult.Status.ADDED);
  }

  /** Files whose content changed and were re-indexed. */
  public int updated() {
    return count(IndexResult.Status.UPDATED);
  }

  /** Files whose content was already indexed as it is. */
  public int unchanged() {
    return count(IndexResult.Status.UNCHANGED);
  }

  /** Files that could not be ingested; see their {@link FileOutcome#error()}. */
  public int failed() {
    return (int) outcomes.stream().filter(o -> !o.succeeded()).count();
  }

  /** The number of chunks the successfully indexed files now have, summed. */
  public int chunks() {
    return outcomes.stream()
        .filter(FileOutcome::succeeded)
        .mapToInt(o -> Objects.requireNonNull(o.result()).chunks())
        .sum();
  }

  /**
   * Whether no file was indexed at all: there were no files, or every one failed. Files left
   * unchanged count as indexed.
   */
  public boolean nothingIngested() {
    return outcomes.stream().noneMatch(FileOutcome::succeeded);
  }

  private int count(IndexResult.Status status) {
    return (int)
        outcomes.stream()
            .filter(o -> o.succeeded() && Objects.requireNonNull(o.result()).status() == status)
            .count();
  }
}
