package io.elavira;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an answer is based on: a retrieved passage of a document, or a recalled exchange of one of
 * the user's past conversations with the same agent ({@link Kind#CONVERSATION}).
 *
 * @param documentId id of the document in the system of record; for a past conversation, the
 *     conversation id
 * @param document file name of the document, e.g. "terms.txt"; for a past conversation, {@code
 *     "conversation of 2026-11-12"} (its date in UTC)
 * @param paths every location (absolute path or URI) the document was found at, first one first:
 *     several when byte-identical files were stored once; empty when not known or for a
 *     conversation
 * @param page 1-based page, or null when the format has no pages
 * @param section heading path, or null
 * @param chunk 0-based ordinal of the chunk in its document (0 for a conversation)
 * @param score retrieval score (cosine similarity for dense retrieval and recall), higher is better
 * @param text the passage text; for a conversation, the question and the answer
 * @param kind a document passage or a past conversation
 * @param date when the recalled exchange took place; null for a document passage
 */
public record Source(
    String documentId,
    String document,
    List<String> paths,
    @Nullable Integer page,
    @Nullable String section,
    int chunk,
    double score,
    String text,
    Kind kind,
    @Nullable Instant date) {

  /** What a source is. */
  public enum Kind {
    /** A passage of one of the agent's documents. */
    DOCUMENT,
    /** An exchange of one of the user's past conversations with the agent. */
    CONVERSATION
  }

  /** Validates. */
  public Source {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(paths);
    if (kind == Kind.CONVERSATION && date == null) {
      throw new IllegalArgumentException("a conversation source needs its date");
    }
  }

  /** A document passage (the form that existed before past conversations were cited). */
  public Source(
      String documentId,
      String document,
      List<String> paths,
      @Nullable Integer page,
      @Nullable String section,
      int chunk,
      double score,
      String text) {
    this(documentId, document, paths, page, section, chunk, score, text, Kind.DOCUMENT, null);
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

  /**
   * A recalled exchange of a past conversation, named {@code "conversation of <date>"} with the
   * date in UTC.
   *
   * @param conversationId the past conversation
   * @param date when the exchange took place
   * @param score its cosine similarity to the question
   * @param text the question and the answer
   */
  public static Source conversation(
      String conversationId, Instant date, double score, String text) {
    Objects.requireNonNull(date, "date");
    return new Source(
        conversationId,
        "conversation of " + date.atOffset(ZoneOffset.UTC).toLocalDate(),
        List.of(),
        null,
        null,
        0,
        score,
        text,
        Kind.CONVERSATION,
        date);
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
