package io.elavira.retrieval;

import java.util.Map;
import java.util.Objects;

/**
 * One lexical search result.
 *
 * @param id the record id
 * @param score the BM25 score, higher is better; only comparable within one search
 * @param metadata the record's metadata
 */
public record LexicalHit(String id, double score, Map<String, String> metadata) {
  /** Validates and copies. */
  public LexicalHit {
    Objects.requireNonNull(id, "id");
    metadata = Map.copyOf(metadata);
  }
}
