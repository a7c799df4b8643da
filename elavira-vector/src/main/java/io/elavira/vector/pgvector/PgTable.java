package io.elavira.vector.pgvector;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.SearchHit;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.VectorStoreException;
import io.elavira.vector.stores.internal.VectorDimensions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one store's table: its schema, the statements that write, delete, count and search it,
 * the vector literals and the metadata JSON, each on a connection the caller borrowed (and whose
 * transaction it owns). The {@link PgVectorStore} decides when and in which transaction they run.
 * Immutable and thread-safe.
 */
final class PgTable {
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final String name;
  private final int dimension;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param name a validated table name (it is spliced into the SQL)
   * @param dimension the vectors' dimension
   */
  PgTable(String name, int dimension) {
    this.name = name;
    this.dimension = dimension;
  }

  String name() {
    return name;
  }

  int dimension() {
    return dimension;
  }

  /**
   * Creates the table, its HNSW index for cosine distance and its metadata GIN index if missing.
   */
  void create(Connection c, int m, int efConstruction) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " (id text PRIMARY KEY, embedding vector("
              + dimension
              + ") NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb)");
      s.execute(
          "CREATE INDEX IF NOT EXISTS "
              + name
              + "_hnsw ON "
              + name
              + " USING hnsw (embedding vector_cosine_ops) WITH (m = "
              + m
              + ", ef_construction = "
              + efConstruction
              + ")");
      s.execute(
          "CREATE INDEX IF NOT EXISTS "
              + name
              + "_metadata ON "
              + name
              + " USING gin (metadata jsonb_path_ops)");
    }
  }

  /**
   * Writes {@code records}, replacing those with the same id, in one batch.
   *
   * @param vectors the records' vectors as {@link #literal}s, in the same order
   */
  void upsert(Connection c, List<VectorRecord> records, List<String> vectors) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + name
                + " (id, embedding, metadata) VALUES (?, ?::vector, ?::jsonb)"
                + " ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding,"
                + " metadata = EXCLUDED.metadata")) {
      for (int i = 0; i < records.size(); i++) {
        ps.setString(1, records.get(i).id());
        ps.setString(2, vectors.get(i));
        ps.setString(3, SqlFilter.json(records.get(i).metadata()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes the rows with these ids. */
  void delete(Connection c, Collection<String> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + name + " WHERE id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", ids.toArray(new String[0])));
      ps.executeUpdate();
    }
  }

  /** Deletes the rows that match {@code where}; returns how many. */
  int delete(Connection c, SqlFilter where) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + name + " WHERE " + where.sql())) {
      bind(c, ps, 1, where.parameters());
      return ps.executeUpdate();
    }
  }

  /** How many rows match {@code where}. */
  int count(Connection c, SqlFilter where) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count(*) FROM " + name + " WHERE " + where.sql())) {
      bind(c, ps, 1, where.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * The {@code k} rows nearest to {@code vector} by cosine distance among those that match {@code
   * where}, nearest first (ties by id), scored {@code 1 - distance}; the plan (index or exact scan)
   * is the connection's settings.
   */
  List<SearchHit> nearest(Connection c, String vector, SqlFilter where, int k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, metadata::text, 1 - (embedding <=> ?::vector) AS score FROM "
                + name
                + " WHERE "
                + where.sql()
                + " ORDER BY embedding <=> ?::vector, id LIMIT ?")) {
      ps.setString(1, vector);
      int next = bind(c, ps, 2, where.parameters());
      ps.setString(next, vector);
      ps.setInt(next + 1, k);
      List<SearchHit> hits = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hits.add(new SearchHit(rs.getString(1), rs.getDouble(3), metadata(rs.getString(2))));
        }
      }
      return hits;
    }
  }

  /**
   * {@code v} as a pgvector literal ({@code [0.1,0.2,...]}).
   *
   * @param what what the vector is, for messages
   * @throws IllegalArgumentException when {@code v} has another dimension than the table's, holds a
   *     NaN or infinite value, or is all zeros
   */
  String literal(float[] v, String what) {
    VectorDimensions.require(v, what, dimension, "table " + name);
    StringBuilder s = new StringBuilder(v.length * 12).append('[');
    boolean zero = true;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(what + " holds a NaN or infinite value");
      }
      zero &= v[i] == 0;
      s.append(i == 0 ? "" : ",").append(v[i]);
    }
    if (zero) {
      throw new IllegalArgumentException(what + " is all zeros: it has no direction");
    }
    return s.append(']').toString();
  }

  private static int bind(Connection c, PreparedStatement ps, int from, List<Object> parameters)
      throws SQLException {
    int i = from;
    for (Object p : parameters) {
      if (p instanceof String[] values) {
        ps.setArray(i++, c.createArrayOf("text", values));
      } else {
        ps.setString(i++, (String) p);
      }
    }
    return i;
  }

  private Map<String, String> metadata(@Nullable String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, MAP);
    } catch (IOException e) {
      throw new VectorStoreException("metadata of a row of " + name + " is not a JSON object", e);
    }
  }
}
