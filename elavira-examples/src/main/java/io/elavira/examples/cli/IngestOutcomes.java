package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestReport;
import io.elavira.store.DocumentStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How {@code elavira ingest} names what happened to each file: {@code added}, {@code updated},
 * {@code unchanged}, {@code removed}, {@code skipped} (an empty file, or a format no parser reads)
 * or {@code failed} (the reason says why); and the JSON object of {@code ingest --json}.
 */
final class IngestOutcomes {

  static final String ADDED = "added";
  static final String UPDATED = "updated";
  static final String UNCHANGED = "unchanged";
  static final String REMOVED = "removed";
  static final String SKIPPED = "skipped";
  static final String FAILED = "failed";

  private IngestOutcomes() {}

  /**
   * One file of {@code ingest --json}.
   *
   * @param file the file's path
   * @param status added, updated, unchanged, removed, skipped or failed
   * @param chunks the chunks the file now has in the agent (0 when skipped, failed or removed)
   * @param reason why it was skipped or failed (a sentence naming the file), null otherwise
   * @param kind the typed reason (EMPTY, UNSUPPORTED_FORMAT, CORRUPT, TOO_LARGE...), null otherwise
   */
  @JsonPropertyOrder({"file", "status", "chunks", "reason", "kind"})
  record FileJson(
      String file, String status, int chunks, @Nullable String reason, @Nullable String kind) {

    static FileJson of(FileOutcome outcome) {
      IngestException error = outcome.error();
      return new FileJson(
          outcome.path().toString(),
          IngestOutcomes.status(outcome),
          outcome.result() == null ? 0 : outcome.result().chunks(),
          error == null ? null : error.getMessage() + IngestLimitOptions.hint(error),
          error == null ? null : error.reason().name());
    }
  }

  /**
   * The whole {@code ingest --json} object.
   *
   * @param files one per file, in the order they were processed
   * @param embedded texts sent to the embedding model during the run (chunks whose embedding was
   *     already stored are not sent again)
   * @param resumed the interrupted run this one resumed, omitted when none
   */
  @JsonPropertyOrder({"files", "embedded", "resumed"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReportJson(List<FileJson> files, long embedded, @Nullable Resumed resumed) {}

  /**
   * What a run resumed from an interrupted one ({@link IngestRun}).
   *
   * @param startedAt when the interrupted run started (ISO-8601)
   * @param alreadyEmbedded distinct chunk texts of the files added or updated now that were not
   *     sent to the model, their embedding being cached (by the interrupted run, or unchanged in an
   *     updated file)
   */
  @JsonPropertyOrder({"startedAt", "alreadyEmbedded"})
  record Resumed(String startedAt, long alreadyEmbedded) {}

  /**
   * What {@code report}, which sent {@code embedded} texts to the model, resumed of a run begun at
   * {@code started}: the distinct chunk texts of its added and updated documents, read back from
   * {@code documents}, that it did not embed.
   */
  static Resumed resumed(
      Instant started, IngestReport report, long embedded, DocumentStore documents) {
    Set<String> texts = new HashSet<>();
    report.outcomes().stream()
        .filter(FileOutcome::succeeded)
        .map(o -> Objects.requireNonNull(o.result()))
        .filter(r -> r.status() != IndexResult.Status.UNCHANGED)
        .map(IndexResult::documentId)
        .distinct()
        .forEach(id -> documents.chunksOf(id).forEach(c -> texts.add(c.contentHash())));
    return new Resumed(started.toString(), Math.max(0, texts.size() - embedded));
  }

  /** The JSON view of a run that resumed nothing. */
  static ReportJson json(IngestReport report, List<FileJson> removed, long embedded) {
    return json(report, removed, embedded, null);
  }

  /** The JSON view of a run. */
  static ReportJson json(
      IngestReport report, List<FileJson> removed, long embedded, @Nullable Resumed resumed) {
    List<FileJson> files =
        java.util.stream.Stream.concat(
                report.outcomes().stream().map(FileJson::of), removed.stream())
            .toList();
    return new ReportJson(files, embedded, resumed);
  }

  /** The status of one file. */
  static String status(FileOutcome outcome) {
    IndexResult result = outcome.result();
    if (result != null) {
      return result.status().name().toLowerCase(Locale.ROOT);
    }
    IngestException.Reason reason =
        Objects.requireNonNull(outcome.error(), "a failed file has its error").reason();
    return reason == IngestException.Reason.EMPTY
            || reason == IngestException.Reason.UNSUPPORTED_FORMAT
        ? SKIPPED
        : FAILED;
  }

  /** Whether the file was skipped because no parser reads its format. */
  static boolean unsupported(FileOutcome outcome) {
    IngestException error = outcome.error();
    return error != null && error.reason() == IngestException.Reason.UNSUPPORTED_FORMAT;
  }

  /** How many files of a run have the given status. */
  static int count(IngestReport report, String status) {
    return (int) report.outcomes().stream().filter(o -> status(o).equals(status)).count();
  }

  /**
   * The files no parser reads, by extension ("" for none), sorted: the command prints one line per
   * extension rather than one per file.
   */
  static Map<String, Integer> unsupportedByExtension(IngestReport report) {
    Map<String, Integer> byExtension = new TreeMap<>();
    for (FileOutcome outcome : report.outcomes()) {
      if (unsupported(outcome)) {
        String name = String.valueOf(outcome.path().getFileName());
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        byExtension.merge(extension, 1, Integer::sum);
      }
    }
    return byExtension;
  }
}
