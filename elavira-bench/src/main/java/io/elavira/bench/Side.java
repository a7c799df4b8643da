package io.elavira.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One library under comparison: ingests a list of files into a fresh index, then retrieves. Not
 * thread-safe: one benchmark thread drives it.
 */
interface Side extends AutoCloseable {

  /** Short name used in the tables, e.g. "Elavira". */
  String name();

  /** The settings that matter for the comparison (threads, batch, splitter), one line. */
  String settings();

  /**
   * Drops the previous index and ingests {@code files} into a new, empty one. The embedding model
   * is loaded once, in the constructor, and never counted here.
   *
   * @return counts and the wall time of the ingestion itself (reading, parsing, splitting,
   *     embedding, storing)
   */
  IngestRun ingest(List<Path> files);

  /**
   * Embeds the question and returns the file names of the {@code topK} best chunks, best first (a
   * file appears once per chunk).
   */
  List<String> retrieve(String question, int topK);

  /** Embeds all texts in one call of the library's batch API. */
  void embedAll(List<String> texts);

  /** Embeds the texts one call per text, one after the other on the calling thread. */
  void embedEach(List<String> texts);

  /** Releases the index and the model. */
  @Override
  void close();

  /**
   * Result of one {@link #ingest} call.
   *
   * @param files files indexed
   * @param skipped files refused, with the reason, e.g. "empty.txt: blank document"
   * @param chunks chunks (segments) embedded and stored
   * @param nanos wall time
   */
  record IngestRun(int files, List<String> skipped, int chunks, long nanos) {
    public IngestRun {
      skipped = List.copyOf(skipped);
    }

    double chunksPerSecond() {
      return chunks / (nanos / 1e9);
    }
  }
}
