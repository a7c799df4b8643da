package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraException;
import io.elavira.store.ChunkRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Reads and writes rows of the {@code chunks} table; chunk metadata is stored as a JSON
 * object of strings. Thread-safe.
 */
final class ChunkRows {
  /** The columns of a chunk row, in {@link ChunkRecord} order. */
  static final String COLUMNS =
      "id, document_id, ordinal, text, section, page, content_hash, metadata";

  /** {@link #COLUMNS} qualified by the alias {@code c}, for joins. */
  static final String C_COLUMNS =
      "c.id, c.document_id, c.ordinal, c.text, c.section, c.page, c.content_hash, c.metadata";

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  /** Created on first use: Jackson takes ~90 ms to initialise in a cold JVM (CLI start). */
  private volatile @Nullable ObjectMapper json;

  /** The metadata of each chunk as JSON, in order (computed before the transaction starts). */
  List<String> metadataJson(List<ChunkRecord> chunks) {
    List<String> metadata = new ArrayList<>(chunks.size());
    for (ChunkRecord c : chunks) {
      metadata.add(toJson(c.metadata()));
    }
    return metadata;
  }

  /**
   * Inserts the chunks as rows of {@code version} in one batch; {@code metadata} from {@link
   * #metadataJson}.
   */
  static void insert(Handle h, List<ChunkRecord> chunks, List<String> metadata, int version) {
    if (chunks.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO chunks ("
                + COLUMNS
                + ", version) VALUES "
                + "(:id, :document, :ordinal, :text, :section, :page, :hash, :metadata, :version)");
    for (int i = 0; i < chunks.size(); i++) {
      ChunkRecord c = chunks.get(i);
      batch
          .bind("id", c.id())
          .bind("document", c.documentId())
          .bind("ordinal", c.ordinal())
          .bind("text", c.text())
          .bind("section", c.section())
          .bind("page", c.page())
          .bind("hash", c.contentHash())
          .bind("metadata", metadata.get(i))
          .bind("version", version)
          .add();
    }
    batch.execute();
  }

  /** Maps a row selected with {@link #COLUMNS}. */
  ChunkRecord read(ResultSet rs, StatementContext ctx) throws SQLException {
    int page = rs.getInt("page");
    Integer pageOrNull = rs.wasNull() ? null : page;
    return new ChunkRecord(
        rs.getString("id"),
        rs.getString("document_id"),
        rs.getInt("ordinal"),
        rs.getString("text"),
        rs.getString("section"),
        pageOrNull,
        rs.getString("content_hash"),
        fromJson(rs.getString("metadata"), rs.getString("id")));
  }

  private ObjectMapper json() {
    ObjectMapper mapper = json;
    if (mapper == null) {
      synchronized (this) {
        mapper = json;
        if (mapper == null) {
          mapper = new ObjectMapper();
          json = mapper;
        }
      }
    }
    return mapper;
  }

  private String toJson(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return "{}";
    }
    try {
      return json().writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write chunk metadata as JSON", e);
    }
  }

  private Map<String, String> fromJson(String text, String chunkId) {
    if (text == null || text.equals("{}")) {
      return Map.of();
    }
    try {
      return json().readValue(text, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new ElaviraException(
          "Metadata of chunk "
              + chunkId
              + " is not a JSON object of "
              + "strings; re-ingest its document.",
          e);
    }
  }
}
