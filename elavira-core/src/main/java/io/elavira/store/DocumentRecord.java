package io.elavira.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A document row of the system of record.
 *
 * @param id stable id (derived from agent and location)
 * @param agentId the agent it belongs to
 * @param ownerId the user who owns it when private, or null when shared by all users of the agent
 * @param name file name shown in sources
 * @param location absolute path or URI it was read from; unique per agent
 * @param format format it was parsed as ("txt", "md"...)
 * @param contentHash SHA-256 of its text, hex; unchanged hash means nothing to re-ingest
 * @param status ingestion status
 * @param version the version searches see: 1 once first indexed, incremented by every re-index (new
 *     content or owner); 0 while the first version is being written ({@link
 *     DocumentStatus#INDEXING})
 * @param chunkCount number of chunks of that version
 * @param updatedAt when it was last written
 * @param sizeBytes size in bytes of the file it was read from, as the ingestion pipeline measured
 *     it ({@link DocumentInfo#SIZE_BYTES_METADATA}), or null when unknown
 */
public record DocumentRecord(
    String id,
    String agentId,
    @Nullable String ownerId,
    String name,
    String location,
    String format,
    String contentHash,
    DocumentStatus status,
    int version,
    int chunkCount,
    Instant updatedAt,
    @Nullable Long sizeBytes) {
  /** Validates the required fields. */
  public DocumentRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (sizeBytes != null && sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
    }
  }

  /** A record of unknown size: the form that existed before sizes were stored. */
  public DocumentRecord(
      String id,
      String agentId,
      @Nullable String ownerId,
      String name,
      String location,
      String format,
      String contentHash,
      DocumentStatus status,
      int version,
      int chunkCount,
      Instant updatedAt) {
    this(
        id,
        agentId,
        ownerId,
        name,
        location,
        format,
        contentHash,
        status,
        version,
        chunkCount,
        updatedAt,
        null);
  }
}
