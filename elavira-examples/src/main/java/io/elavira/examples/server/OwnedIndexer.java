package io.elavira.examples.server;

import io.elavira.ElaviraAgent;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import java.util.List;

/**
 * Indexes into the agent as private to one user, whatever the pipeline asks: what a user uploads
 * only that user's questions retrieve.
 */
final class OwnedIndexer implements DocumentIndexer {
  private final ElaviraAgent agent;
  private final String ownerId;

  OwnedIndexer(ElaviraAgent agent, String ownerId) {
    this.agent = agent;
    this.ownerId = ownerId;
  }

  @Override
  public IndexResult index(Document document, List<Chunk> chunks) {
    return agent.index(document, chunks, ownerId);
  }

  @Override
  public IndexResult index(Document document, List<Chunk> chunks, String ignoredOwnerId) {
    return agent.index(document, chunks, ownerId);
  }

  @Override
  public List<IndexResult> indexAll(List<IndexRequest> requests) {
    return agent.indexAll(owned(requests));
  }

  /** Forwarded, so that uploads embed the next group while the previous one is stored. */
  @Override
  public void embedAhead(List<IndexRequest> requests) {
    agent.embedAhead(owned(requests));
  }

  private List<IndexRequest> owned(List<IndexRequest> requests) {
    return requests.stream().map(r -> new IndexRequest(r.document(), r.chunks(), ownerId)).toList();
  }
}
