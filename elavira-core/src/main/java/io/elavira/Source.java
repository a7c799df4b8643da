package io.elavira;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A retrieved passage an answer is based on.
 *
 * @param documentId id of the document in the system of record
 * @param document file name of the document, e.g. "terms.txt"
 * @param paths every location (absolute path or URI) the document was found at, first one first:
 *     several when byte-identical files were stored once; empty when not known
 * @param page 1-based page, or null when the format has no pages
 * @param section heading path, or null
 * @param chunk 0-based ordinal of the chunk in its document
 * @param score retrieval score (cosine similarity for dense retrieval), higher is better
 * @param text the passage text
 */
public record Source(
    String documentId,
    String document,
    List<String> paths,
    @Nullable Integer page,
    @Nullable String section,
    int chunk,
    double score,
    String text) {
  /** Validates. */
  public Source {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(text, "text");
    paths = List.copyOf(paths);
  }

  /** A source whose paths are not known (the form that existed before paths were carried). */
  public Source(
      String documentId,
      String document,
      @Nullable Integer page,
      @Nullable String section,
      int chunk,
      double score,
      String text) {
    this(documentId, document, List.of(), page, section, chunk, score, text);
  }

  /** The first location the document was found at, or null when not known. */
  public @Nullable String path() {
    return paths.isEmpty() ? null : paths.get(0);
  }

  @Override
  public String toString() {
    return "Source["
        + document
        + (page != null ? " p." + page : "")
        + " #"
        + chunk
        + ", score="
        + String.format(java.util.Locale.ROOT, "%.3f", score)
        + "]";
  }
}
