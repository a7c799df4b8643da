package io.elavira.generate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a fact was read: the passage of an indexed document.
 *
 * @param documentId id of the document in the system of record
 * @param document its file name
 * @param page 1-based page, or null when the format has no pages
 * @param chunk 0-based ordinal of the chunk holding the passage
 * @param passage the text the fact was read from (a line or the chunk)
 */
public record FactSource(
    String documentId, String document, @Nullable Integer page, int chunk, String passage) {
  /** Validates. */
  public FactSource {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(passage, "passage");
  }

  /** A short reference: "cv.md p.1 #3" (no passage text). */
  public String reference() {
    return document + (page == null ? "" : " p." + page) + " #" + chunk;
  }

  /** Does not print the passage: it is personal data. */
  @Override
  public String toString() {
    return "FactSource[" + reference() + "]";
  }
}
