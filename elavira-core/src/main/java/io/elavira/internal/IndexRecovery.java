package io.elavira.internal;

import io.elavira.embed.EmbeddingModel;
import io.elavira.store.AuditLog;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs when an agent opens: finishes documents a crash left INDEXING, and rebuilds the vector index
 * from the system of record when it holds nothing for the agent (always the case for the in-memory
 * store).
 *
 * <p>A document left INDEXING has all its rows; its chunks are embedded from the cache (or by the
 * model when the cache lacks some), upserted and marked READY. If that fails the document's vectors
 * are removed and it stays INDEXING: never searched, retried on the next open, replaced by the next
 * {@code index} of its location. READY documents whose chunks lack an embedding of the current
 * model (the model changed) are embedded during a rebuild.
 *
 * <p>Not thread-safe: {@link AgentRuntime#open} runs it once, on the opening thread, before the
 * agent is handed out.
 */
public final class IndexRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRecovery.class);
  private static final int UPSERT_BATCH = 1024;

  private final String agentId;
  private final EmbeddingModel embeddings;
  private final VectorStore vectors;
  private final DocumentStore documents;
  private final AuditLog audit;
  private final DocumentIndexWriter writer;

  /** Creates the recovery of one agent. */
  public IndexRecovery(
      String agentId,
      EmbeddingModel embeddings,
      VectorStore vectors,
      DocumentStore documents,
      AuditLog audit,
      DocumentIndexWriter writer) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /**
   * Reconciles and rebuilds; returns the number of vectors the index was rebuilt with (0 if not).
   */
  public int run() {
    boolean rebuild = vectors.count(Filter.eq(VectorRecord.AGENT_ID, agentId)) == 0;
    for (DocumentRecord doc : documents.withStatus(DocumentStatus.INDEXING)) {
      if (doc.agentId().equals(agentId)) {
        finish(doc);
      }
    }
    return rebuild ? rebuild() : 0;
  }

  private void finish(DocumentRecord doc) {
    try {
      List<ChunkRecord> rows = documents.chunksOf(doc.id());
      DocumentIndexWriter.EmbeddedChunks embedded = writer.embed("document " + doc.name(), rows);
      // A persistent index may still hold the previous version's chunks beyond the new last one.
      vectors.delete(Filter.eq(VectorRecord.DOCUMENT_ID, doc.id()));
      vectors.upsert(
          DocumentIndexWriter.vectorRecords(
              rows, embedded.byHash(), agentId, doc.id(), doc.ownerId()));
      documents.markReady(doc.id());
      audit.record(
          "recover", null, agentId, "document=" + doc.name() + " finished chunks=" + rows.size());
      LOG.info("Finished indexing {} left half-done by a previous run", doc.name());
    } catch (RuntimeException e) {
      vectors.delete(Filter.eq(VectorRecord.DOCUMENT_ID, doc.id()));
      audit.record("recover", null, agentId, "document=" + doc.name() + " left unsearchable");
      LOG.warn(
          "Document {} was left half-indexed and could not be finished ({}); it is not"
              + " searched until it is indexed again",
          doc.name(),
          DocumentIndexWriter.reason(e));
    }
  }

  private int rebuild() {
    long started = System.nanoTime();
    int expected = documents.countChunks(agentId);
    if (expected == 0) {
      return 0;
    }
    List<VectorRecord> records = documents.indexRecords(agentId, embeddings.modelId());
    if (records.size() < expected) {
      embedMissing();
      records = documents.indexRecords(agentId, embeddings.modelId());
    }
    for (int from = 0; from < records.size(); from += UPSERT_BATCH) {
      vectors.upsert(records.subList(from, Math.min(records.size(), from + UPSERT_BATCH)));
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    audit.record("rebuild-index", null, agentId, "vectors=" + records.size() + " ms=" + ms);
    LOG.debug(
        "Rebuilt the vector index of agent {}: {} vectors in {} ms", agentId, records.size(), ms);
    return records.size();
  }

  /** Embeds the chunks of ready documents that have no embedding of the current model. */
  private void embedMissing() {
    for (DocumentRecord doc : documents.list(agentId)) {
      if (doc.status() != DocumentStatus.READY) {
        continue;
      }
      try {
        writer.embed("document " + doc.name(), documents.chunksOf(doc.id()));
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not embed document {} with model {} ({}); it is not searched until it is"
                + " indexed again",
            doc.name(),
            embeddings.modelId(),
            DocumentIndexWriter.reason(e));
      }
    }
  }
}
