package io.elavira.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an agent knows of one document, as listed by {@link
 * io.elavira.ElaviraAgent#listDocuments()}: enough to show it to its owner and to remove it.
 *
 * <p>Byte-identical files (the same text, for the same agent and owner) are one document: it is
 * stored, embedded and searched once, and {@link #paths()} lists every location it was found at,
 * the first one first.
 *
 * @param id id of the document in the system of record
 * @param name file name of its first location, e.g. "cv.pdf"
 * @param paths every location (absolute path or URI) it was found at, in the order they were added;
 *     never empty
 * @param format the format it was parsed as ("pdf", "md"...)
 * @param status {@link DocumentStatus#READY} once searchable; {@link DocumentStatus#INDEXING} while
 *     (or when a crash left it) being written
 * @param chunkCount the number of chunks of the version searched
 * @param sizeBytes size in bytes of the file, as the ingestion pipeline measured it, or null when
 *     it was not given
 * @param ownerId the user it is private to, or null when shared by every user of the agent
 * @param contentHash SHA-256 of its text, hex
 * @param version the version searched (1 once first indexed, +1 at each re-index)
 * @param createdAt when it was first stored
 * @param updatedAt when its content was last written
 */
public record DocumentInfo(
    String id,
    String name,
    List<String> paths,
    String format,
    DocumentStatus status,
    int chunkCount,
    @Nullable Long sizeBytes,
    @Nullable String ownerId,
    String contentHash,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The key of {@link io.elavira.document.Document#metadata()} under which the ingestion pipeline
   * passes the size in bytes of the file it read (a decimal number); the indexer stores it. A value
   * that is not a non-negative integer is ignored.
   */
  public static final String SIZE_BYTES_METADATA = "elavira.sizeBytes";

  /** Validates and copies. */
  public DocumentInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("Document " + id + " has no path");
    }
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The first location it was found at. */
  public String path() {
    return paths.get(0);
  }
}
