package io.elavira.store.internal;

import io.elavira.store.IndexStatus;
import io.elavira.vector.VectorRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Not API. The {@code embeddings} table behind {@link SqlDocumentStore}: vectors cached by model
 * and chunk content hash (so that an unchanged chunk is never embedded twice), and the two reads
 * that join them to an agent's current chunks: the records a vector index is rebuilt from, and how
 * many of those chunks are embedded. Stateless over its {@link Database}; thread-safe as the
 * database is.
 */
final class EmbeddingRows {
  private final Database db;

  EmbeddingRows(Database db) {
    this.db = db;
  }

  /**
   * The cached vectors of {@code modelId} for these content hashes; hashes not cached are absent.
   */
  Map<String, float[]> embeddings(String modelId, Collection<String> contentHashes) {
    Objects.requireNonNull(modelId, "modelId");
    List<Map.Entry<String, float[]>> found =
        InLists.read(
            db,
            "reading embeddings of " + modelId,
            contentHashes,
            (h, hashes) ->
                h.createQuery(
                        "SELECT content_hash, dimension, vector FROM embeddings "
                            + "WHERE model_id = :model AND content_hash IN (<hashes>)")
                    .bind("model", modelId)
                    .bindList("hashes", hashes)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getString(1),
                                VectorCodec.decode(
                                    rs.getBytes(3), rs.getInt(2), modelId + "/" + rs.getString(1))))
                    .list());
    Map<String, float[]> result = new HashMap<>(found.size() * 2);
    found.forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  /**
   * Caches vectors of {@code modelId} by content hash in one transaction; a hash already cached
   * keeps its vector.
   *
   * @throws IllegalArgumentException when a vector is empty (nothing is written)
   */
  void putEmbeddings(String modelId, Map<String, float[]> byContentHash) {
    Objects.requireNonNull(modelId, "modelId");
    Map<String, float[]> copy = Map.copyOf(byContentHash);
    if (copy.isEmpty()) {
      db.checkOpen();
      return;
    }
    copy.forEach(
        (hash, vector) -> {
          if (vector.length == 0) {
            throw new IllegalArgumentException("Embedding of " + hash + " is empty");
          }
        });
    db.write(
        "caching " + copy.size() + " embeddings of " + modelId,
        h -> {
          long now = db.clock().millis();
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO embeddings (model_id, content_hash, "
                      + "dimension, vector, created_at) VALUES (:model, :hash, :dimension, :vector, :now) "
                      + "ON CONFLICT (model_id, content_hash) DO NOTHING");
          copy.forEach(
              (hash, vector) ->
                  batch
                      .bind("model", modelId)
                      .bind("hash", hash)
                      .bind("dimension", vector.length)
                      .bind("vector", VectorCodec.encode(vector))
                      .bind("now", now)
                      .add());
          return batch.execute();
        });
  }

  /**
   * The vector records of the agent's current chunks that {@code modelId} embedded, by document and
   * ordinal; the chunks of a document share one metadata map.
   */
  List<VectorRecord> indexRecords(String agentId, String modelId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(modelId, "modelId");
    // One metadata map per document, shared by its chunks: less memory, and a store can evaluate
    // a filter once per document instead of once per chunk.
    Map<String, Map<String, String>> metadataByDocument = new HashMap<>();
    return db.read(
        "reading the vectors of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT c.id, c.document_id, d.owner_id, e.dimension, e.vector "
                        + "FROM documents d JOIN chunks c ON c.document_id = d.id"
                        + " AND c.version = d.version "
                        + "JOIN embeddings e ON e.model_id = :model AND e.content_hash = c.content_hash "
                        + "WHERE d.agent_id = :agent AND d.status = 'READY' ORDER BY d.id, c.ordinal")
                .bind("agent", agentId)
                .bind("model", modelId)
                .map(
                    (rs, ctx) -> {
                      String id = rs.getString(1);
                      float[] vector =
                          VectorCodec.decode(rs.getBytes(5), rs.getInt(4), modelId + "/" + id);
                      String documentId = rs.getString(2);
                      String ownerId = rs.getString(3);
                      return new VectorRecord(
                          id,
                          vector,
                          metadataByDocument.computeIfAbsent(
                              documentId,
                              doc -> VectorRecord.chunkMetadata(agentId, doc, ownerId)));
                    })
                .list());
  }

  /** How many of the agent's documents and current chunks there are, and how many are embedded. */
  IndexStatus indexStatus(String agentId, String modelId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(modelId, "modelId");
    return db.read(
        "counting the searchable chunks of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT (SELECT COUNT(*) FROM documents WHERE agent_id = :agent"
                        + " AND status = 'READY'), (SELECT COUNT(*) FROM documents"
                        + " WHERE agent_id = :agent AND status = 'INDEXING'),"
                        + " COUNT(c.id), COUNT(e.content_hash)"
                        + " FROM documents d JOIN chunks c ON c.document_id = d.id"
                        + " AND c.version = d.version LEFT JOIN embeddings e"
                        + " ON e.model_id = :model AND e.content_hash = c.content_hash"
                        + " WHERE d.agent_id = :agent AND d.status = 'READY'")
                .bind("agent", agentId)
                .bind("model", modelId)
                .map(
                    (rs, ctx) ->
                        new IndexStatus(
                            modelId,
                            rs.getInt(1),
                            rs.getInt(2),
                            rs.getInt(3),
                            rs.getInt(4),
                            rs.getInt(3) - rs.getInt(4)))
                .one());
  }
}
