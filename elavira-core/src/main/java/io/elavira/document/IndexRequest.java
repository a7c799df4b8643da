package io.elavira.document;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One document to index with {@link DocumentIndexer#indexAll}: the parsed document, its chunks, and
 * who owns it.
 *
 * @param document the parsed document
 * @param chunks its chunks, copied
 * @param ownerId the user it is private to, or null for a document shared by every user
 */
public record IndexRequest(Document document, List<Chunk> chunks, @Nullable String ownerId) {
  /** Validates and copies. */
  public IndexRequest {
    Objects.requireNonNull(document, "document");
    chunks = List.copyOf(chunks);
    if (ownerId != null && ownerId.isBlank()) {
      throw new IllegalArgumentException(
          "ownerId must be null (shared) or not blank, got '" + ownerId + "'");
    }
  }

  /** A document shared by every user of the agent. */
  public static IndexRequest shared(Document document, List<Chunk> chunks) {
    return new IndexRequest(document, chunks, null);
  }
}
