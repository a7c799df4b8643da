package io.elavira.vector.hnswlib;

import static io.elavira.vector.stores.internal.BuilderChecks.once;
import static io.elavira.vector.stores.internal.BuilderChecks.range;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import io.elavira.vector.stores.internal.UnitVectors;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An optional embedded vector store on hnswlib: the HNSW graph lives in memory and is persisted in
 * its own directory. Choose it over the Lucene default for the lowest query latency when the
 * graph's full load at open (seconds at 100k vectors) and its memory (full-precision vectors) are
 * acceptable; docs/vector-stores.md has the measurements.
 *
 * <p><b>Lifecycle.</b> {@link #builder(Path, int)} opens (or creates) the store in a directory; one
 * instance per directory (a second open, in any process, fails); close it when done. {@link
 * #openState()} says whether the files were found, created, or re-created empty because they could
 * not be read; with {@link #checkpoint()} the caller decides whether to rebuild the store from the
 * system of record (with {@link #addAll(List)}), exactly as with {@code LuceneVectorStore}.
 *
 * <p><b>Durability.</b> Every {@code upsert}, {@code delete} and {@code checkpoint} is appended to
 * a change log and fsynced before the call returns; when the log outgrows half the snapshot (and at
 * {@link #close()} and after {@link #addAll(List)}), the whole graph is written to a temporary
 * file, fsynced and renamed over the previous snapshot. A process killed at any moment leaves a
 * store that opens with every acknowledged write.
 *
 * <p><b>Search.</b> Vectors are L2-normalised and compared by dot product; scores are exact
 * cosines. Filters are applied inside the search: the graph is walked with a beam of {@code
 * max(topK, ef)} and, while fewer than {@code topK} results match, with a beam four times wider;
 * once that would cover the graph, the matching records are scanned exactly. A search therefore
 * returns {@code topK} records whenever that many match, however rare they are.
 *
 * <p><b>Threading.</b> Thread-safe. Searches run in parallel with each other and see each write
 * whole or not at all (a write's change to the graph excludes them while it applies); writes are
 * serialized.
 */
public final class HnswlibVectorStore implements VectorStore {
  private final HnswStorage storage;
  private final LockedGraph graph;
  private final int dimension;
  private final int bulkThreads;
  private final String description;

  private HnswlibVectorStore(Builder b) {
    this.dimension = b.dimension;
    this.bulkThreads = b.bulkThreads;
    HnswGraph hnsw = new HnswGraph(b.dimension, b.m, b.efConstruction, b.ef, b.initialCapacity);
    this.storage = HnswStorage.open(b.path, b.dimension, b.ef, b.minLogBytes, hnsw);
    this.graph = new LockedGraph(hnsw, storage);
    this.description =
        "HnswlibVectorStore[path="
            + b.path
            + ", dimension="
            + dimension
            + ", m="
            + b.m
            + ", efConstruction="
            + b.efConstruction
            + ", ef="
            + b.ef
            + "]";
  }

  /**
   * Starts configuring a store in {@code directory} for vectors of {@code dimension} floats.
   *
   * @param directory where the snapshot and change log live; created when missing
   * @param dimension the embedding model's dimension, 1 to 65536
   * @return a builder
   * @throws IllegalArgumentException when the dimension is out of range
   */
  public static Builder builder(Path directory, int dimension) {
    return new Builder(directory, dimension);
  }

  /** Whether the store was opened, created, or re-created empty because it was unreadable. */
  public OpenState openState() {
    return storage.openState();
  }

  /**
   * The checkpoint stored with the last write that set one, or null when none was ever set: an
   * opaque string the caller writes with {@link #checkpoint(String)} after bringing the store in
   * step with the system of record, and compares on open to tell a stale store from a current one.
   */
  public @Nullable String checkpoint() {
    return storage.checkpoint();
  }

  /**
   * Durably stores {@code checkpoint}; it is kept by later writes until replaced.
   *
   * @throws VectorStoreException when the store cannot be written
   */
  public void checkpoint(String checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    graph.checkpoint(checkpoint);
  }

  /**
   * {@inheritDoc}
   *
   * <p>All records are validated before any is written; the batch is durable when the call returns.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's, or a
   *     vector is all zeros
   * @throws VectorStoreException when the store cannot be written
   */
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    List<HnswItem> items = HnswItem.of(records, dimension, storage.path());
    graph.upsert(items);
  }

  /**
   * Adds (or replaces) many records on the builder's bulk threads, then writes a snapshot: how a
   * store is rebuilt from the system of record. Searches see the records only once all are added.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's
   * @throws VectorStoreException when the store cannot be written, or the calling thread is
   *     interrupted
   */
  public void addAll(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    Map<String, VectorRecord> lastById = new LinkedHashMap<>();
    records.forEach(r -> lastById.put(r.id(), r)); // one record per id: the last one wins
    List<HnswItem> items = HnswItem.of(List.copyOf(lastById.values()), dimension, storage.path());
    graph.addAll(items, Math.min(bulkThreads, Math.max(1, items.size() / 1000)));
  }

  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    graph.delete(List.copyOf(ids));
  }

  @Override
  public int delete(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    return graph.delete(filter);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scores are exact cosine similarities in [-1, 1].
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    float[] query = UnitVectors.normalised(request.vector(), "query", dimension, storage.path());
    return graph.search(query, request.topK(), request.filter(), request.minScore());
  }

  @Override
  public int count(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    return graph.count(filter);
  }

  /**
   * Writes a snapshot when changes were logged since the last one (so that the next open need not
   * replay them), and releases the files. Idempotent.
   *
   * @throws VectorStoreException when the snapshot cannot be written (every write stays in the log)
   */
  @Override
  public void close() {
    graph.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Configures a {@link HnswlibVectorStore}. Each option may be set once; values are checked at
   * once. Not thread-safe; {@link #build()} may be called once.
   */
  public static final class Builder {
    /** Links per graph node; the value measured in docs/vector-stores.md. */
    public static final int DEFAULT_M = 16;

    /** Beam width while building the graph; the value measured in docs/vector-stores.md. */
    public static final int DEFAULT_EF_CONSTRUCTION = 100;

    /**
     * Beam width of a search (at least {@code topK}). Measured on MiniLM vectors with M 16 and
     * efConstruction 100 (docs/vector-stores.md): recall@10 0.996 at 10k vectors, 0.969 at 100k;
     * raise it for large stores that need 0.98.
     */
    public static final int DEFAULT_EF = 100;

    /** Records the graph has room for before it first grows (it doubles when full). */
    public static final int DEFAULT_INITIAL_CAPACITY = 10_000;

    /** Threads of {@link #addAll(List)}: the machine's cores, at most 8. */
    public static final int DEFAULT_BULK_THREADS =
        Math.min(8, Runtime.getRuntime().availableProcessors());

    private static final int UNSET = -1;

    private final Path path;
    private final int dimension;
    private int m = UNSET;
    private int efConstruction = UNSET;
    private int ef = UNSET;
    private int initialCapacity = UNSET;
    private int bulkThreads = UNSET;
    private long minLogBytes = HnswStorage.MIN_LOG_BYTES;
    private boolean built;

    private Builder(Path path, int dimension) {
      this.path = Objects.requireNonNull(path, "directory");
      this.dimension = range("dimension", dimension, 1, 65_536);
    }

    /**
     * Links per graph node, 2 to 512 (default {@value #DEFAULT_M}). A store opened from existing
     * files keeps the value it was built with.
     */
    public Builder m(int m) {
      once(this.m == UNSET, "m", this.m);
      this.m = range("m", m, 2, 512);
      return this;
    }

    /**
     * Beam width while building, 1 to 3200 (default {@value #DEFAULT_EF_CONSTRUCTION}). A store
     * opened from existing files keeps the value it was built with.
     */
    public Builder efConstruction(int efConstruction) {
      once(this.efConstruction == UNSET, "efConstruction", this.efConstruction);
      this.efConstruction = range("efConstruction", efConstruction, 1, 3200);
      return this;
    }

    /** Beam width of a search, 1 to 10000 (default {@value #DEFAULT_EF}). */
    public Builder ef(int ef) {
      once(this.ef == UNSET, "ef", this.ef);
      this.ef = range("ef", ef, 1, 10_000);
      return this;
    }

    /** Room before the graph first grows, 1 to 100,000,000 (default 10,000). */
    public Builder initialCapacity(int initialCapacity) {
      once(this.initialCapacity == UNSET, "initialCapacity", this.initialCapacity);
      this.initialCapacity = range("initialCapacity", initialCapacity, 1, 100_000_000);
      return this;
    }

    /** Threads of {@link HnswlibVectorStore#addAll(List)}, 1 to 64. */
    public Builder bulkThreads(int bulkThreads) {
      once(this.bulkThreads == UNSET, "bulkThreads", this.bulkThreads);
      this.bulkThreads = range("bulkThreads", bulkThreads, 1, 64);
      return this;
    }

    /**
     * The change log size under which no snapshot is written (tests only: the crash test makes
     * snapshots frequent so that kills land inside them).
     */
    Builder snapshotAfterLogBytes(long bytes) {
      this.minLogBytes = bytes;
      return this;
    }

    /**
     * Opens the store: loads its snapshot and replays its change log, or creates it.
     *
     * @throws VectorStoreException when hnswlib is not on the class path, or the directory cannot
     *     be written, is already open, or holds a store of another dimension
     * @throws IllegalStateException when called twice
     */
    public HnswlibVectorStore build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      built = true;
      requireLibrary();
      m = m == UNSET ? DEFAULT_M : m;
      efConstruction = efConstruction == UNSET ? DEFAULT_EF_CONSTRUCTION : efConstruction;
      ef = ef == UNSET ? DEFAULT_EF : ef;
      initialCapacity = initialCapacity == UNSET ? DEFAULT_INITIAL_CAPACITY : initialCapacity;
      bulkThreads = bulkThreads == UNSET ? DEFAULT_BULK_THREADS : bulkThreads;
      return new HnswlibVectorStore(this);
    }

    /** hnswlib is an optional dependency of elavira-vector: say which artifact to add. */
    private static void requireLibrary() {
      try {
        Class.forName(
            "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex",
            false,
            HnswlibVectorStore.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new VectorStoreException(
            "HnswlibVectorStore needs com.github.jelmerk:hnswlib-core:1.2.1 on the class path (an"
                + " optional dependency of elavira-vector): add it to your build, or use"
                + " LuceneVectorStore, the embedded default",
            e);
      }
    }
  }
}
