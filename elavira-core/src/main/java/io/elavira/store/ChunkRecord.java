package io.elavira.store;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chunk row of the system of record.
 *
 * @param id unique id, new for every version of the document (document id, version and ordinal)
 * @param documentId the document it belongs to
 * @param ordinal 0-based position in the document
 * @param text the chunk text
 * @param section heading path, or null
 * @param page 1-based page, or null
 * @param contentHash SHA-256 of the text, hex; keys the embedding cache
 * @param metadata extra string metadata, copied
 */
public record ChunkRecord(
    String id,
    String documentId,
    int ordinal,
    String text,
    @Nullable String section,
    @Nullable Integer page,
    String contentHash,
    Map<String, String> metadata) {
  /** Validates and copies. */
  public ChunkRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(contentHash, "contentHash");
    metadata = Map.copyOf(metadata);
  }

  @Override
  public String toString() {
    return "ChunkRecord[id=" + id + ", ordinal=" + ordinal + ", chars=" + text.length() + "]";
  }
}
