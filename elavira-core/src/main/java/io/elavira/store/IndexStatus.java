package io.elavira.store;

import java.util.Objects;

/**
 * How much of an agent's documents its vector index can search with one embedding model.
 *
 * <p>A chunk is searchable when the system of record holds its embedding for {@code modelId}: the
 * index is built from those. Chunks without one (the embedding model changed and could not embed
 * them again, or failed) are <b>unsearchable</b>: they are stored, but no dense search finds them
 * until they are embedded, which an agent tries each time it opens.
 *
 * @param modelId the embedding model the counts are for
 * @param documents documents with a searchable (published) version
 * @param indexingDocuments documents whose first version is still being written
 * @param chunks chunks of the published versions
 * @param searchableChunks those of them with an embedding of {@code modelId}
 * @param unsearchableChunks those of them without one: {@code chunks - searchableChunks}
 */
public record IndexStatus(
    String modelId,
    int documents,
    int indexingDocuments,
    int chunks,
    int searchableChunks,
    int unsearchableChunks) {
  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException when a count is negative or the chunk counts do not add up
   */
  public IndexStatus {
    Objects.requireNonNull(modelId, "modelId");
    if (documents < 0 || indexingDocuments < 0 || searchableChunks < 0 || unsearchableChunks < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (searchableChunks + unsearchableChunks != chunks) {
      throw new IllegalArgumentException(
          "searchableChunks ("
              + searchableChunks
              + ") + unsearchableChunks ("
              + unsearchableChunks
              + ") must equal chunks ("
              + chunks
              + ")");
    }
  }

  /** Whether every chunk of every published version can be found by a search. */
  public boolean complete() {
    return unsearchableChunks == 0;
  }
}
