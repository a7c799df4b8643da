package io.elavira.vector.pgvector;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.VectorStoreException;
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
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A vector store in a PostgreSQL table with the pgvector extension: the path past one machine, and
 * the natural choice when the system of record is already PostgreSQL.
 *
 * <p><b>Schema.</b> {@link #builder(DataSource, String, int)} creates, when missing, the table
 * {@code (id text primary key, embedding vector(dimension), metadata jsonb)}, an HNSW index for
 * cosine distance and a GIN index on the metadata. The extension must already be installed in the
 * database ({@code CREATE EXTENSION vector}, as a superuser).
 *
 * <p><b>Search.</b> Filters are SQL conditions in the same query as the nearest-neighbour ordering.
 * pgvector's iterative index scans ({@code hnsw.iterative_scan = strict_order}, pgvector 0.8) keep
 * walking the graph until enough rows pass the filter; if the index still yields fewer than {@code
 * topK} rows while more match, the query is re-run as an exact scan, so a filter never costs
 * results. Scores are {@code 1 - cosine distance}.
 *
 * <p><b>Threading.</b> Thread-safe: each call borrows a connection from the {@link DataSource}
 * (pass the host's pool to reuse connections). An upsert is one transaction. Closing the store does
 * not close a data source the host passed in.
 */
public final class PgVectorStore implements VectorStore {
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,50}");
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final DataSource dataSource;
  private final String table;
  private final int dimension;
  private final int efSearch;
  private final ObjectMapper json = new ObjectMapper();

  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  private PgVectorStore(Builder b) {
    this.dataSource = b.dataSource;
    this.table = b.table;
    this.dimension = b.dimension;
    this.efSearch = b.efSearch;
    run(
        "create table " + table,
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + table
                    + " (id text PRIMARY KEY, embedding vector("
                    + dimension
                    + ") NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb)");
            s.execute(
                "CREATE INDEX IF NOT EXISTS "
                    + table
                    + "_hnsw ON "
                    + table
                    + " USING hnsw (embedding vector_cosine_ops) WITH (m = "
                    + b.m
                    + ", ef_construction = "
                    + b.efConstruction
                    + ")");
            s.execute(
                "CREATE INDEX IF NOT EXISTS "
                    + table
                    + "_metadata ON "
                    + table
                    + " USING gin (metadata jsonb_path_ops)");
          }
          return null;
        });
  }

  /**
   * Starts configuring a store in {@code table} of the database {@code dataSource} connects to.
   *
   * @param dataSource the host's pool (shared, not closed by the store)
   * @param table lower-case table name, letters, digits and underscores, at most 51 characters
   * @param dimension the embedding model's dimension, 1 to 2000 (pgvector's HNSW limit)
   * @return a builder
   * @throws IllegalArgumentException when the table name or dimension is invalid
   */
  public static Builder builder(DataSource dataSource, String table, int dimension) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"), table, dimension);
  }

  /**
   * Starts configuring a store reached by a JDBC URL such as {@code
   * jdbc:postgresql://127.0.0.1:5432/db?user=u}; each call opens a connection (no pool).
   *
   * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL, or as {@link
   *     #builder(DataSource, String, int)}
   */
  public static Builder builder(String jdbcUrl, String table, int dimension) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    return new Builder(ds, table, dimension);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: the batch is written whole or not at all.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's or it is
   *     all zeros
   * @throws VectorStoreException when the database refuses or cannot be reached
   */
  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    List<String> vectors = new ArrayList<>(records.size());
    for (VectorRecord r : records) {
      vectors.add(literal(r.vector(), "vector of record " + r.id()));
    }
    run(
        "upsert",
        c -> {
          c.setAutoCommit(false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + table
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
            c.commit();
          } catch (SQLException e) {
            c.rollback();
            throw e;
          }
          return null;
        });
  }

  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    run(
        "delete",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray(new String[0])));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int delete(Filter filter) {
    SqlFilter where = SqlFilter.of(Objects.requireNonNull(filter, "filter"));
    return run(
        "delete",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + table + " WHERE " + where.sql())) {
            bind(c, ps, 1, where.parameters());
            return ps.executeUpdate();
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   * @throws VectorStoreException when the database refuses or cannot be reached
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    String vector = literal(request.vector(), "query vector");
    SqlFilter where = SqlFilter.of(request.filter());
    String sql =
        "SELECT id, metadata::text, 1 - (embedding <=> ?::vector) AS score FROM "
            + table
            + " WHERE "
            + where.sql()
            + " ORDER BY embedding <=> ?::vector, id LIMIT ?";
    return run(
        "search",
        c -> {
          c.setAutoCommit(false); // SET LOCAL lasts until the end of this transaction
          try {
            try (Statement s = c.createStatement()) {
              s.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, request.topK()));
              s.execute("SET LOCAL hnsw.iterative_scan = strict_order");
            }
            List<SearchHit> hits = query(c, sql, vector, where, request.topK());
            if (hits.size() < request.topK() && count(c, where) > hits.size()) {
              try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_indexscan = off"); // exact: every matching row
              }
              hits = query(c, sql, vector, where, request.topK());
            }
            hits.removeIf(h -> h.score() < request.minScore());
            return hits;
          } finally {
            c.rollback();
          }
        });
  }

  private List<SearchHit> query(Connection c, String sql, String vector, SqlFilter where, int k)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
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

  @Override
  public int count(Filter filter) {
    SqlFilter where = SqlFilter.of(Objects.requireNonNull(filter, "filter"));
    return run("count", c -> count(c, where));
  }

  private int count(Connection c, SqlFilter where) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + where.sql())) {
      bind(c, ps, 1, where.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Does nothing: the data source is the host's (or opens a connection per call). */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "PgVectorStore[table=" + table + ", dimension=" + dimension + "]";
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
      throw new VectorStoreException("metadata of a row of " + table + " is not a JSON object", e);
    }
  }

  private String literal(float[] v, String what) {
    if (v.length != dimension) {
      throw new IllegalArgumentException(
          what
              + " has dimension "
              + v.length
              + " but table "
              + table
              + " holds vectors of dimension "
              + dimension
              + "; use the same embedding model for every record and query");
    }
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

  private <T> T run(String operation, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new VectorStoreException(
          "PostgreSQL "
              + operation
              + " on table "
              + table
              + " failed (SQLState "
              + e.getSQLState()
              + "): "
              + e.getMessage()
              + ("42704".equals(e.getSQLState()) || "42883".equals(e.getSQLState())
                  ? "; is the pgvector extension installed (CREATE EXTENSION vector)?"
                  : ""),
          e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Configures a {@link PgVectorStore}. Each option may be set once. Not thread-safe. */
  public static final class Builder {
    /** HNSW links per node (pgvector's default). */
    public static final int DEFAULT_M = 16;

    /** HNSW build beam (pgvector's default). */
    public static final int DEFAULT_EF_CONSTRUCTION = 64;

    /** HNSW search beam, raised to {@code topK} when smaller. */
    public static final int DEFAULT_EF_SEARCH = 100;

    private final DataSource dataSource;
    private final String table;
    private final int dimension;
    private int m = -1;
    private int efConstruction = -1;
    private int efSearch = -1;

    private Builder(DataSource dataSource, String table, int dimension) {
      this.dataSource = dataSource;
      Objects.requireNonNull(table, "table");
      if (!TABLE.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "table name "
                + table
                + " must be lower-case letters, digits and underscores, at most 51 characters");
      }
      this.table = table;
      if (dimension < 1 || dimension > 2000) {
        throw new IllegalArgumentException(
            "dimension must be between 1 and 2000 (pgvector's HNSW limit), got " + dimension);
      }
      this.dimension = dimension;
    }

    /**
     * HNSW links per node, 2 to 100 (default {@value #DEFAULT_M}); used when creating the index.
     */
    public Builder m(int m) {
      this.m = set("m", this.m, m, 2, 100);
      return this;
    }

    /** HNSW build beam, 4 to 1000 (default {@value #DEFAULT_EF_CONSTRUCTION}). */
    public Builder efConstruction(int efConstruction) {
      this.efConstruction = set("efConstruction", this.efConstruction, efConstruction, 4, 1000);
      return this;
    }

    /** HNSW search beam, 1 to 1000 (default {@value #DEFAULT_EF_SEARCH}). */
    public Builder efSearch(int efSearch) {
      this.efSearch = set("efSearch", this.efSearch, efSearch, 1, 1000);
      return this;
    }

    /**
     * Creates what is missing and returns the store.
     *
     * @throws VectorStoreException when the database refuses (e.g. no pgvector extension)
     */
    public PgVectorStore build() {
      m = m < 0 ? DEFAULT_M : m;
      efConstruction = efConstruction < 0 ? DEFAULT_EF_CONSTRUCTION : efConstruction;
      efSearch = efSearch < 0 ? DEFAULT_EF_SEARCH : efSearch;
      return new PgVectorStore(this);
    }

    private static int set(String option, int current, int value, int min, int max) {
      if (current >= 0) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            option + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }
  }
}
