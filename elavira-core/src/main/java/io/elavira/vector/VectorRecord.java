package io.elavira.vector;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vector and the metadata a search can filter on.
 *
 * <p>Every record Elavira writes carries {@link #AGENT_ID} and, for private data, {@link #OWNER_ID}
 * in its metadata; stores apply filters on them inside the search, so no query returns another
 * agent's or another user's private chunks.
 *
 * <p>The vector array is not copied (vectors are large and written once); do not mutate it after
 * handing it over.
 *
 * @param id unique id within the store (Elavira uses the chunk id)
 * @param vector the embedding, L2-normalised
 * @param metadata string metadata, copied
 */
public record VectorRecord(String id, float[] vector, Map<String, String> metadata) {
  /** Metadata key of the agent a record belongs to. */
  public static final String AGENT_ID = "agent_id";

  /** Metadata key of the user who owns a private record; absent on shared records. */
  public static final String OWNER_ID = "owner_id";

  /** Metadata key of the document a chunk came from. */
  public static final String DOCUMENT_ID = "document_id";

  /**
   * The metadata Elavira writes on the vector of a chunk, which scoped searches filter on.
   *
   * @param agentId the agent the chunk belongs to
   * @param documentId the document it came from
   * @param ownerId the user the document is private to, or null when it is shared
   * @return {@link #AGENT_ID} and {@link #DOCUMENT_ID}, plus {@link #OWNER_ID} when private
   */
  public static Map<String, String> chunkMetadata(
      String agentId, String documentId, @Nullable String ownerId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(documentId, "documentId");
    return ownerId == null
        ? Map.of(AGENT_ID, agentId, DOCUMENT_ID, documentId)
        : Map.of(AGENT_ID, agentId, DOCUMENT_ID, documentId, OWNER_ID, ownerId);
  }

  /** Validates and copies. */
  public VectorRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector of record " + id + " is empty");
    }
  }

  @Override
  public String toString() {
    return "VectorRecord[id="
        + id
        + ", dimension="
        + vector.length
        + ", metadata="
        + metadata
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorRecord r
        && id.equals(r.id)
        && java.util.Arrays.equals(vector, r.vector)
        && metadata.equals(r.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, java.util.Arrays.hashCode(vector), metadata);
  }
}
