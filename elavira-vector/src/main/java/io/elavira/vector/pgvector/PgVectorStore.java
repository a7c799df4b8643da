package io.elavira.vector.pgvector;

import static io.elavira.vector.stores.internal.BuilderChecks.once;
import static io.elavira.vector.stores.internal.BuilderChecks.range;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.VectorStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
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

  private final DataSource dataSource;
  private final PgTable table;
  private final int efSearch;

  private PgVectorStore(Builder b) {
    this.dataSource = b.dataSource;
    this.table = new PgTable(b.table, b.dimension);
    this.efSearch = b.efSearch;
    write("create table " + table.name(), c -> table.create(c, b.m, b.efConstruction));
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
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    List<String> vectors = new ArrayList<>(records.size());
    for (VectorRecord r : records) {
      vectors.add(table.literal(r.vector(), "vector of record " + r.id()));
    }
    write(
        "upsert",
        c -> {
          c.setAutoCommit(false);
          try {
            table.upsert(c, records, vectors);
            c.commit();
          } catch (SQLException e) {
            c.rollback();
            throw e;
          }
        });
  }

  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    write("delete", c -> table.delete(c, ids));
  }

  @Override
  public int delete(Filter filter) {
    SqlFilter where = SqlFilter.of(Objects.requireNonNull(filter, "filter"));
    return run("delete", c -> table.delete(c, where));
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
    String vector = table.literal(request.vector(), "query vector");
    SqlFilter where = SqlFilter.of(request.filter());
    return run(
        "search",
        c -> {
          c.setAutoCommit(false); // SET LOCAL lasts until the end of this transaction
          try {
            try (Statement s = c.createStatement()) {
              s.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, request.topK()));
              s.execute("SET LOCAL hnsw.iterative_scan = strict_order");
            }
            List<SearchHit> hits = table.nearest(c, vector, where, request.topK());
            if (hits.size() < request.topK() && table.count(c, where) > hits.size()) {
              try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_indexscan = off"); // exact: every matching row
              }
              hits = table.nearest(c, vector, where, request.topK());
            }
            hits.removeIf(h -> h.score() < request.minScore());
            return hits;
          } finally {
            c.rollback();
          }
        });
  }

  @Override
  public int count(Filter filter) {
    SqlFilter where = SqlFilter.of(Objects.requireNonNull(filter, "filter"));
    return run("count", c -> table.count(c, where));
  }

  /** Does nothing: the data source is the host's (or opens a connection per call). */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "PgVectorStore[table=" + table.name() + ", dimension=" + table.dimension() + "]";
  }

  private <T> T run(String operation, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new VectorStoreException(
          "PostgreSQL "
              + operation
              + " on table "
              + table.name()
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

  /** As {@link #run}, for work without a result. */
  private void write(String operation, SqlWrite work) {
    run(
        operation,
        c -> {
          work.apply(c);
          return Boolean.TRUE;
        });
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface SqlWrite {
    void apply(Connection c) throws SQLException;
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
      once(current < 0, option, current);
      return range(option, value, min, max);
    }
  }
}
