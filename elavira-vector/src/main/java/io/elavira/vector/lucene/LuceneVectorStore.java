package io.elavira.vector.lucene;

import static io.elavira.vector.stores.internal.BuilderChecks.once;
import static io.elavira.vector.stores.internal.BuilderChecks.range;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default vector store: an HNSW graph in a Lucene index on disk, persistent and
 * crash-safe, opened in well under a second through memory-mapped files instead of being rebuilt.
 *
 * <p><b>Lifecycle.</b> {@link #builder(Path, int)} opens (or creates) the index in a directory; one
 * instance per directory (a second open of the same directory, in any process, fails); share it
 * between agents and close it when done. {@link #openState()} says whether the index was found,
 * created, or re-created after its files proved unreadable; with {@link #checkpoint()} the caller
 * decides whether to rebuild it from the system of record (with {@link #addAll(List)}).
 *
 * <p><b>Durability.</b> Every {@code upsert}, {@code delete} and {@code addAll} is one atomic
 * Lucene commit, fsynced before the call returns: a process killed at any moment leaves the
 * previous commit or the new one, and the index always opens.
 *
 * <p><b>Search.</b> Vectors are L2-normalised and compared by dot product (cosine). The graph is
 * searched with a beam of {@code max(topK, efSearch)} candidates (efSearch grows with the index
 * unless set: {@link Builder#efSearchFor(int)}), quantised to int8 by default (4× less memory to
 * walk), and the candidates are rescored exactly with the full-precision vectors, so scores are
 * exact cosines. Filters run inside the graph search (Lucene's pre-filtered HNSW, exact scan when
 * few records match), so {@code topK} matching records are returned however rare they are; the
 * records a filter accepts are collected once per filter and index version (not at every search),
 * and a filter accepting every record is searched as none. The int8 distances use the JDK's vector
 * API when the JVM runs with {@code --add-modules jdk.incubator.vector} and its C2 compiler (about
 * 10 % faster searches at 100k records in docs/vector-stores.md; the JVM then prints an incubator
 * warning); otherwise a portable path gives the same scores.
 *
 * <p><b>Threading.</b> Thread-safe. Searches run in parallel with each other and with writes, and
 * see each write whole or not at all; writes are serialized.
 */
public final class LuceneVectorStore implements VectorStore {
  private final LuceneIndex index;
  private final VectorDocuments vectors;
  private final VectorCodec codec;
  private final GraphCandidates candidates = new GraphCandidates();
  private final int efSearch;
  private final int bulkThreads;
  private final String description;

  private LuceneVectorStore(Builder b) {
    this.efSearch = b.efSearch;
    this.bulkThreads = b.bulkThreads;
    this.codec =
        new VectorCodec(b.m, b.efConstruction, Boolean.TRUE.equals(b.quantized), b.bulkThreads);
    this.index = LuceneIndex.open("vector", b.path, new StandardAnalyzer(), codec, b.bulkThreads);
    this.vectors = new VectorDocuments(b.dimension, b.path);
    this.description =
        "LuceneVectorStore[path="
            + b.path
            + ", dimension="
            + b.dimension
            + ", m="
            + b.m
            + ", efConstruction="
            + b.efConstruction
            + ", efSearch="
            + (efSearch == Builder.UNSET ? "by size" : String.valueOf(efSearch))
            + ", int8="
            + b.quantized
            + "]";
  }

  /**
   * Starts configuring a store in {@code directory} for vectors of {@code dimension} floats.
   *
   * @param directory where the index lives; created when missing
   * @param dimension the embedding model's dimension, 1 to 1024
   * @return a builder
   * @throws IllegalArgumentException when the dimension is out of range
   */
  public static Builder builder(Path directory, int dimension) {
    return new Builder(directory, dimension);
  }

  /** Whether the index was opened, created, or re-created empty because it was unreadable. */
  public OpenState openState() {
    return index.openState();
  }

  /**
   * The checkpoint stored with the last commit, or null when none was ever set: an opaque string
   * the caller writes with {@link #checkpoint(String)} after bringing the index in step with the
   * system of record (e.g. the embedding model id and the last change applied), and compares on
   * open to tell a stale index from a current one.
   */
  public @Nullable String checkpoint() {
    return index.checkpoint();
  }

  /**
   * Commits {@code checkpoint} with the index's current content; it is kept by later commits until
   * replaced.
   *
   * @throws VectorStoreException when the index cannot be written
   */
  public void checkpoint(String checkpoint) {
    index.checkpoint(Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>All records are validated before any is written; the batch is one atomic commit.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's, or a
   *     vector is all zeros
   * @throws VectorStoreException when the index cannot be written
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
    List<Document> docs = vectors.documents(records);
    index.write(
        w -> {
          for (int i = 0; i < docs.size(); i++) {
            w.updateDocument(LuceneIndex.idTerm(records.get(i).id()), docs.get(i));
          }
          return null;
        });
  }

  /**
   * Adds (or replaces) many records using the builder's bulk threads, then commits once: how an
   * index is rebuilt from the system of record. Searches see the records only once all are added.
   * Into an empty index (a rebuild), the segments the threads wrote are then merged into one, on
   * the same threads: a search walks one graph instead of one per segment (measured in
   * docs/vector-stores.md), for a longer build; no other merge runs meanwhile.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's
   * @throws VectorStoreException when the index cannot be written
   */
  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  public void addAll(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    Map<String, VectorRecord> lastById = new LinkedHashMap<>();
    records.forEach(r -> lastById.put(r.id(), r)); // one record per id: the last one wins
    List<VectorRecord> unique = List.copyOf(lastById.values());
    List<Document> docs = vectors.documents(unique);
    index.write(
        w -> {
          if (w.getDocStats().numDocs == 0) {
            BulkAdd.rebuild(w, codec, unique, docs, bulkThreads, index.path());
          } else {
            BulkAdd.run(w, unique, docs, bulkThreads, index.path());
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
    Term[] terms = ids.stream().map(LuceneIndex::idTerm).toArray(Term[]::new);
    index.write(
        w -> {
          w.deleteDocuments(terms);
          return null;
        });
  }

  @Override
  public int delete(Filter filter) {
    return index.delete(Objects.requireNonNull(filter, "filter"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scores are exact cosine similarities in [-1, 1].
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   * @throws VectorStoreException when the index cannot be read
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    float[] query = vectors.normalised(request.vector(), "query");
    Query filter = LuceneIndex.query(request.filter());
    return index.read(
        searcher -> {
          int ef =
              efSearch == Builder.UNSET
                  ? Builder.efSearchFor(searcher.getIndexReader().numDocs())
                  : efSearch;
          ScoreDoc[] found =
              candidates.search(
                  searcher,
                  query,
                  Math.max(request.topK(), ef),
                  filter instanceof MatchAllDocsQuery ? null : filter);
          return ExactRescorer.rescore(searcher, found, query, request.topK(), request.minScore());
        });
  }

  @Override
  public int count(Filter filter) {
    return index.count(LuceneIndex.query(Objects.requireNonNull(filter, "filter")));
  }

  /**
   * The vector field's format in each segment searches see, in order: the graph format, or {@link
   * io.elavira.vector.lucene.internal.FlatScanVectorsFormat#NAME} for flat vectors.
   */
  List<String> segmentFormats() {
    return index.read(
        s ->
            s.getIndexReader().leaves().stream()
                .map(leaf -> leaf.reader().getFieldInfos().fieldInfo(VectorDocuments.VECTOR))
                .map(
                    f ->
                        f == null
                            ? "no vectors"
                            : String.valueOf(
                                f.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY)))
                .toList());
  }

  /** Commits anything pending and releases the files. Idempotent. */
  @Override
  public void close() {
    index.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Configures a {@link LuceneVectorStore}. Each option may be set once; values are checked at
   * once. Not thread-safe; {@link #build()} may be called once.
   */
  public static final class Builder {
    /** Graph degree: links per node. Lucene's default; higher = better recall, more memory. */
    public static final int DEFAULT_M = 16;

    /**
     * Beam width while building the graph. Twice Lucene's default: a build takes about 1.8× as
     * long, and the better-linked graph reaches recall@10 0.98 with about half the search beam
     * (measurements in docs/vector-stores.md, "The build beam"). 150 built a million vectors in
     * 15.1 instead of 18.0 minutes but lost 0.7 to 1 point of recall there at every search beam
     * ("The million-vector build"): a rebuild pays its time once, every query pays for recall.
     */
    public static final int DEFAULT_EF_CONSTRUCTION = 200;

    /**
     * Candidates the graph search collects before exact rescoring (when {@code topK} is smaller) in
     * an index of up to 10,000 vectors, unless {@link #efSearch(int)} is set; larger indexes
     * collect {@link #EF_SEARCH_PER_TENFOLD} more per tenfold growth ({@link #efSearchFor(int)}),
     * since a larger graph needs a wider beam for the same recall. Chosen from measurements on
     * MiniLM vectors (docs/vector-stores.md).
     */
    public static final int DEFAULT_EF_SEARCH = 50;

    /** Candidates added per tenfold growth past 10,000 vectors when efSearch is not set. */
    public static final int EF_SEARCH_PER_TENFOLD = 60;

    /** Threads of {@link #addAll(List)}: the machine's cores, at most 8. */
    public static final int DEFAULT_BULK_THREADS =
        Math.min(8, Runtime.getRuntime().availableProcessors());

    static final int UNSET = -1;

    private final Path path;
    private final int dimension;
    private int m = UNSET;
    private int efConstruction = UNSET;
    private int efSearch = UNSET;
    private int bulkThreads = UNSET;
    private @Nullable Boolean quantized;
    private boolean built;

    private Builder(Path path, int dimension) {
      this.path = Objects.requireNonNull(path, "directory");
      if (dimension < 1 || dimension > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
        throw new IllegalArgumentException(
            "dimension must be between 1 and "
                + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS
                + " (Lucene's limit), got "
                + dimension);
      }
      this.dimension = dimension;
    }

    /**
     * The candidates a search collects when {@link #efSearch(int)} is not set, for an index of
     * {@code vectors} vectors: {@value #DEFAULT_EF_SEARCH} up to 10,000, then {@value
     * #EF_SEARCH_PER_TENFOLD} more per tenfold (110 at 100,000, 170 at a million).
     */
    public static int efSearchFor(int vectors) {
      if (vectors <= 10_000) {
        return DEFAULT_EF_SEARCH;
      }
      return (int)
          Math.round(DEFAULT_EF_SEARCH + EF_SEARCH_PER_TENFOLD * Math.log10(vectors / 10_000.0));
    }

    /** Links per graph node, 2 to 512 (default {@value #DEFAULT_M}). */
    public Builder m(int m) {
      once(this.m == UNSET, "m", this.m);
      this.m = range("m", m, 2, 512);
      return this;
    }

    /** Beam width while building, 1 to 3200 (default {@value #DEFAULT_EF_CONSTRUCTION}). */
    public Builder efConstruction(int efConstruction) {
      once(this.efConstruction == UNSET, "efConstruction", this.efConstruction);
      this.efConstruction = range("efConstruction", efConstruction, 1, 3200);
      return this;
    }

    /**
     * Candidates per search before rescoring, 1 to 10000, whatever the index's size (default: by
     * size, {@link #efSearchFor(int)}).
     */
    public Builder efSearch(int efSearch) {
      once(this.efSearch == UNSET, "efSearch", this.efSearch);
      this.efSearch = range("efSearch", efSearch, 1, 10_000);
      return this;
    }

    /** Threads of {@link LuceneVectorStore#addAll(List)}, 1 to 64. */
    public Builder bulkThreads(int bulkThreads) {
      once(this.bulkThreads == UNSET, "bulkThreads", this.bulkThreads);
      this.bulkThreads = range("bulkThreads", bulkThreads, 1, 64);
      return this;
    }

    /**
     * Whether the graph is walked on int8-quantised vectors (default true: 4× less memory; exact
     * rescoring keeps the scores exact). Applies to segments written from now on.
     */
    public Builder int8(boolean quantized) {
      once(this.quantized == null, "int8", this.quantized);
      this.quantized = quantized;
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws VectorStoreException when the directory cannot be created or is already open
     */
    public LuceneVectorStore build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      built = true;
      m = m == UNSET ? DEFAULT_M : m;
      efConstruction = efConstruction == UNSET ? DEFAULT_EF_CONSTRUCTION : efConstruction;
      bulkThreads = bulkThreads == UNSET ? DEFAULT_BULK_THREADS : bulkThreads;
      quantized = quantized == null ? Boolean.TRUE : quantized;
      return new LuceneVectorStore(this);
    }
  }
}
