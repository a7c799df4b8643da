package io.elavira.vector;

import java.util.Map;
import java.util.Objects;

/**
 * One search result.
 *
 * @param id the record id
 * @param score cosine similarity to the query, higher is closer (in [-1, 1])
 * @param metadata the record's metadata
 */
public record SearchHit(String id, double score, Map<String, String> metadata) {
  /** Validates and copies. */
  public SearchHit {
    Objects.requireNonNull(id, "id");
    metadata = Map.copyOf(metadata);
  }
}
