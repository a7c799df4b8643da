package io.elavira.ingest;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double that records what it is asked to index and answers like an agent would: ADDED for a
 * new location, UNCHANGED for the same text again, UPDATED for new text.
 */
final class RecordingIndexer implements DocumentIndexer {
  /** One call to index. */
  record Call(Document document, List<Chunk> chunks, String ownerId) {}

  final List<Call> calls = new ArrayList<>();

  /** The number of documents of each indexAll call, in order. */
  final List<Integer> batches = new ArrayList<>();

  private final Map<String, String> textByLocation = new HashMap<>();

  @Override
  public synchronized IndexResult index(Document document, List<Chunk> chunks) {
    return index(document, chunks, null);
  }

  @Override
  public synchronized IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
    calls.add(new Call(document, List.copyOf(chunks), ownerId));
    String previous = textByLocation.put(document.location(), document.text());
    IndexResult.Status status =
        previous == null
            ? IndexResult.Status.ADDED
            : previous.equals(document.text())
                ? IndexResult.Status.UNCHANGED
                : IndexResult.Status.UPDATED;
    return new IndexResult(
        "doc-" + document.location().hashCode(), document.name(), status, chunks.size());
  }

  @Override
  public synchronized List<IndexResult> indexAll(List<IndexRequest> requests) {
    batches.add(requests.size());
    return DocumentIndexer.super.indexAll(requests);
  }

  synchronized List<String> indexedNames() {
    return calls.stream().map(c -> c.document().name()).toList();
  }
}
