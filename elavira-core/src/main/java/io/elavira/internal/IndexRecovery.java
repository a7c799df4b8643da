package io.elavira.internal;

import io.elavira.embed.EmbeddingModel;
import io.elavira.store.AuditLog;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.IndexStatus;
import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs when an agent opens, before it is handed out: reconciles what a crash left half-done, embeds
 * what the current model cannot search yet, and fills the vector index.
 *
 * <ol>
 *   <li>A document whose first version a crash left staged (status INDEXING) gets that version
 *       published: its rows were written in one transaction, so they are whole. A new version of a
 *       ready document a crash left staged is not published (its owner may differ): the current
 *       version stays searched and the next index of the document removes the staged rows. (A first
 *       version another process is writing at that moment is published a little early: it is whole,
 *       and that process's own publish is then a no-op.)
 *   <li>Chunks of current versions without an embedding of the agent's model (the model changed, or
 *       an earlier embedding failed) are <b>embedded again on open</b>, document by document, and
 *       cached; a document the model fails on is logged and stays unsearchable, counted by {@link
 *       IndexSync#status()} (the agent's index status), and is retried on the next open.
 *   <li>The vector index is rebuilt from the database when it holds nothing for the agent (always
 *       the case for the in-memory store), else the documents changed above are reloaded; then
 *       {@link IndexSync} follows the change log from the sequence read before step 1.
 * </ol>
 *
 * <p>Not thread-safe: {@link AgentRuntime#open} runs it once, on the opening thread.
 */
public final class IndexRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRecovery.class);

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
   * Reconciles, embeds and fills the index; returns the number of vectors the index was rebuilt
   * with (0 when it was not rebuilt).
   *
   * @throws io.elavira.ElaviraException when the database or the vector store fails
   */
  public int run() {
    long started = System.nanoTime();
    long fromSequence = documents.lastChange(agentId);
    boolean rebuild = vectors.count(Filter.eq(VectorRecord.AGENT_ID, agentId)) == 0;
    List<String> changed = new ArrayList<>();
    for (DocumentRecord doc : documents.withStatus(DocumentStatus.INDEXING)) {
      if (doc.agentId().equals(agentId)) {
        publishStaged(doc);
      }
    }
    IndexStatus status = writer.sync().status();
    if (!status.complete()) {
      changed.addAll(embedMissing());
      IndexStatus after = writer.sync().status();
      if (!after.complete()) {
        LOG.warn(
            "{} of the {} chunks of agent {} have no embedding of model {} and are not searched;"
                + " ElaviraAgent.indexStatus() reports them, and they are embedded again on the"
                + " next open",
            after.unsearchableChunks(),
            after.chunks(),
            agentId,
            after.modelId());
      }
    }
    IndexSync sync = writer.sync();
    // A lexical index missing passages (new, deleted, or written by a run that crashed) or holding
    // others (a removal it missed) is rebuilt whole from the current chunks: it is cheap next to
    // embedding, and a count that matches means the same current-version chunk ids.
    int lexicalCount = sync.lexicalCount();
    boolean rebuildLexical = sync.hasLexical() && lexicalCount != sync.status().chunks();
    if (rebuildLexical) {
      LOG.debug(
          "Lexical index of agent {} holds {} passages, the database {}: rebuilding it",
          agentId,
          lexicalCount,
          sync.status().chunks());
    }
    int rebuilt = sync.start(fromSequence, rebuild, rebuildLexical, changed);
    if (rebuild && rebuilt > 0) {
      long ms = (System.nanoTime() - started) / 1_000_000;
      audit.record("rebuild-index", null, agentId, "vectors=" + rebuilt + " ms=" + ms);
      LOG.debug("Rebuilt the vector index of agent {}: {} vectors in {} ms", agentId, rebuilt, ms);
    }
    return rebuilt;
  }

  private void publishStaged(DocumentRecord doc) {
    int version = documents.latestVersion(doc.id());
    if (version == 0) {
      return; // nothing staged: the next index of its location writes it
    }
    List<ChunkRecord> rows = documents.chunksOf(doc.id(), version);
    DocumentRecord staged =
        new DocumentRecord(
            doc.id(),
            doc.agentId(),
            doc.ownerId(),
            doc.name(),
            doc.location(),
            doc.format(),
            doc.contentHash(),
            DocumentStatus.INDEXING,
            version,
            rows.size(),
            doc.updatedAt());
    if (documents.publish(staged)) {
      audit.record(
          "recover", null, agentId, "document=" + doc.name() + " published chunks=" + rows.size());
      LOG.info("Published document {}, whose indexing a previous run left unfinished", doc.name());
    }
  }

  /** Embeds the current chunks that lack an embedding of the model; returns the documents done. */
  private List<String> embedMissing() {
    List<String> embedded = new ArrayList<>();
    for (DocumentRecord doc : documents.list(agentId)) {
      if (doc.status() != DocumentStatus.READY) {
        continue;
      }
      try {
        if (writer
                .embedder()
                .embed("document " + doc.name(), documents.chunksOf(doc.id()))
                .newlyEmbedded()
            > 0) {
          embedded.add(doc.id());
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not embed document {} with model {} ({}); it is not searched until it is"
                + " embedded (retried on the next open)",
            doc.name(),
            embeddings.modelId(),
            ChunkEmbedder.reason(e));
      }
    }
    return embedded;
  }
}
