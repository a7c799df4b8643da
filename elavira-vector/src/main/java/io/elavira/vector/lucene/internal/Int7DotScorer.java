package io.elavira.vector.lucene.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.hnsw.ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.lucene99.OffHeapQuantizedByteVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.quantization.RandomAccessQuantizedByteVectorValues;
import org.jspecify.annotations.Nullable;

/**
 * Scores 7-bit quantised vectors as Lucene's {@link Lucene99ScalarQuantizedVectorScorer} does (the
 * same integer dot product, the same corrections, bit-identical scores), with the dot product
 * computed four lanes per 64-bit multiplication instead of one byte at a time. Everything else
 * (other similarities, other bit widths, float vectors) goes to Lucene's scorer. Not API.
 *
 * <p><b>Why it is exact.</b> A 7-bit quantised component is in [0, 127], so a product is at most
 * 16,129 and a sum of four at most 64,516 &lt; 2<sup>16</sup>. Four components of a stored vector
 * are spread into the four 16-bit lanes of a {@code long}, and the query's matching four are packed
 * in reverse order; in the 64-bit product of the two, the coefficient of 2<sup>48</sup> is exactly
 * the four-term dot product, and no lower coefficient can carry into it. On Java 17, where Lucene
 * has no vector API to call, this halves the cost of the graph walk's distance computations
 * (measured in docs/vector-stores.md).
 *
 * <p><b>With the vector API.</b> When the JVM runs with {@code --add-modules jdk.incubator.vector}
 * and C2 on a CPU with 256-bit lanes or wider (the benchmarks' commands do; the CLI, on C1 only,
 * does not), the dot product goes to {@link Int7VectorDot} instead, about 2.7 times faster again on
 * AVX2 (40 against 108 ns for 384 components); the scores are the same integers either way. {@link
 * #VECTOR_API} says which path this JVM takes.
 *
 * <p>Thread-safe: each scorer it returns belongs to one search or one graph insertion.
 */
final class Int7DotScorer implements FlatVectorsScorer {
  /** The bit width this scorer handles (Lucene's 7-bit quantisation: components in [0, 127]). */
  static final int BITS = 7;

  /**
   * Whether this JVM computes the dot products with the vector API ({@link Int7VectorDot}): the
   * {@code jdk.incubator.vector} module is resolved and {@link Int7VectorDot#usable()} holds.
   */
  static final boolean VECTOR_API =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && Int7VectorDot.usable();

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
  private static final long[] NOT_PACKED = new long[0];

  private final FlatVectorsScorer lucene =
      new Lucene99ScalarQuantizedVectorScorer(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  @Override
  public RandomVectorScorerSupplier getRandomVectorScorerSupplier(
      VectorSimilarityFunction similarity, RandomAccessVectorValues values) throws IOException {
    if (values instanceof RandomAccessQuantizedByteVectorValues quantized
        && handles(similarity, quantized)) {
      return supplier(quantized, true);
    }
    return lucene.getRandomVectorScorerSupplier(similarity, values);
  }

  @Override
  public RandomVectorScorer getRandomVectorScorer(
      VectorSimilarityFunction similarity, RandomAccessVectorValues values, float[] target)
      throws IOException {
    if (values instanceof RandomAccessQuantizedByteVectorValues quantized
        && handles(similarity, quantized)) {
      byte[] query = new byte[target.length];
      float offset =
          ScalarQuantizedVectorScorer.quantizeQuery(
              target, query, similarity, quantized.getScalarQuantizer());
      IndexInput file = fileOf(quantized);
      return new Scorer(
          quantized,
          query,
          offset,
          file == null ? null : file.clone(),
          new byte[quantized.getVectorByteLength()]);
    }
    return lucene.getRandomVectorScorer(similarity, values, target);
  }

  @Override
  public RandomVectorScorer getRandomVectorScorer(
      VectorSimilarityFunction similarity, RandomAccessVectorValues values, byte[] target)
      throws IOException {
    return lucene.getRandomVectorScorer(similarity, values, target);
  }

  /**
   * The merge scorers of {@code values}: from a copy of their file on the heap when {@code heap}
   * and it fits in half of the free heap, otherwise from the file.
   */
  static RandomVectorScorerSupplier supplier(
      RandomAccessQuantizedByteVectorValues values, boolean heap) throws IOException {
    return new Supplier(
        values,
        heap ? Records.load(fileOf(values), values.size(), values.getVectorByteLength()) : null);
  }

  /** The file {@code values} are read from, or null when they are not in one. */
  private static @Nullable IndexInput fileOf(RandomAccessQuantizedByteVectorValues values) {
    return values instanceof OffHeapQuantizedByteVectorValues offHeap ? offHeap.getSlice() : null;
  }

  /**
   * Reads vector {@code ord}'s record from the vector file into {@code vector} (its bytes, then its
   * one-float correction, which it returns) without Lucene's float-buffer view.
   */
  private static float readRecord(IndexInput file, int ord, byte[] vector) throws IOException {
    file.seek((long) ord * (vector.length + Float.BYTES));
    file.readBytes(vector, 0, vector.length);
    return Float.intBitsToFloat(file.readInt()); // Lucene 9 files are little-endian
  }

  /** Dot product and cosine on uncompressed 7-bit vectors; Lucene's scorer does the rest. */
  private static boolean handles(
      VectorSimilarityFunction similarity, RandomAccessQuantizedByteVectorValues values) {
    return (similarity == VectorSimilarityFunction.DOT_PRODUCT
            || similarity == VectorSimilarityFunction.COSINE)
        && values.getScalarQuantizer().getBits() == BITS
        && values.getVectorByteLength() == values.dimension();
  }

  /**
   * The query's components packed for {@link #dot}: for each 8 components, one {@code long} with
   * components 6, 4, 2, 0 in its 16-bit lanes (lowest first) and one with 7, 5, 3, 1.
   */
  static long[] pack(byte[] query) {
    long[] packed = new long[query.length / 8 * 2];
    for (int i = 0, k = 0; i + 8 <= query.length; i += 8, k += 2) {
      packed[k] = lanes(query[i + 6], query[i + 4], query[i + 2], query[i]);
      packed[k + 1] = lanes(query[i + 7], query[i + 5], query[i + 3], query[i + 1]);
    }
    return packed;
  }

  private static long lanes(byte a, byte b, byte c, byte d) {
    return (a & 0xFFL) | (b & 0xFFL) << 16 | (c & 0xFFL) << 32 | (d & 0xFFL) << 48;
  }

  /**
   * The dot product of {@code stored} and the query ({@code packed} by {@link #pack}, {@code query}
   * for the components past the last multiple of 8); both in [0, 127].
   */
  static int dot(byte[] stored, long[] packed, byte[] query) {
    return dot(stored, 0, packed, query);
  }

  /**
   * {@link #dot(byte[], long[], byte[])} of the stored vector at {@code from} in {@code stored}.
   */
  static int dot(byte[] stored, int from, long[] packed, byte[] query) {
    long even = 0;
    long odd = 0;
    int i = 0;
    for (int k = 0; k < packed.length; i += 8, k += 2) {
      long eight = (long) LONGS.get(stored, from + i);
      even += ((eight & EVEN_BYTES) * packed[k]) >>> 48;
      odd += (((eight >>> 8) & EVEN_BYTES) * packed[k + 1]) >>> 48;
    }
    int total = (int) (even + odd);
    for (; i < query.length; i++) {
      total += stored[from + i] * query[i];
    }
    return total;
  }

  /**
   * Lucene's dot-product score of a quantised dot product: the product scaled by the quantiser's
   * {@code multiplier}, plus both vectors' corrections, mapped to [0, 1] as Lucene maps it.
   */
  static float luceneScore(int dot, float multiplier, float queryOffset, float storedOffset) {
    float adjusted = dot * multiplier + queryOffset + storedOffset;
    return (1 + adjusted) / 2;
  }

  /** One query against the stored vectors: Lucene's dot-product score, from {@link #dot}. */
  static final class Scorer extends RandomVectorScorer.AbstractRandomVectorScorer {
    private final RandomAccessQuantizedByteVectorValues values;
    private final byte[] query;
    private final long[] packed;
    private final float queryOffset;
    private final float multiplier;
    private final int stride;
    private final @Nullable IndexInput input; // the vector file, when the vectors are in one
    private final byte[] stored;
    private @Nullable RandomAccessInput file; // opened by the first prefetch (searches only)
    private int touched;

    /**
     * @param input the vector file, positioned freely by this scorer (and by the other scorers that
     *     share it on the same thread), or null to read through {@code values}
     * @param stored where {@link #score} reads each stored vector, shared likewise
     */
    Scorer(
        RandomAccessQuantizedByteVectorValues values,
        byte[] query,
        float queryOffset,
        @Nullable IndexInput input,
        byte[] stored) {
      super(values);
      this.values = values;
      this.query = query;
      this.packed = VECTOR_API ? NOT_PACKED : pack(query); // the vector path reads the bytes
      this.queryOffset = queryOffset;
      this.multiplier = values.getScalarQuantizer().getConstantMultiplier();
      this.stride = values.getVectorByteLength() + Float.BYTES; // the vector, then its correction
      // Read straight from the file: Lucene's vectorValue + getScoreCorrectionConstant read the
      // one float through a float-buffer view, about 5 % of a search (docs/vector-stores.md).
      this.input = input; // no file: an empty segment's values, or vectors held in memory
      this.stored = stored;
    }

    /**
     * Reads one byte of every cache line of the first {@code count} {@code nodes}' stored vectors,
     * so that the memory fetches for all of them are in flight at once before {@link #score} reads
     * them one by one: a graph walk otherwise waits for each neighbour's vector in turn. Does
     * nothing when the vectors are not in an index file.
     */
    void prefetch(int[] nodes, int count) throws IOException {
      RandomAccessInput memory = file;
      if (memory == null) {
        if (input == null) {
          return;
        }
        memory = input.randomAccessSlice(0, input.length());
        file = memory;
      }
      int sum = 0;
      for (int i = 0; i < count; i++) {
        long start = (long) nodes[i] * stride;
        long end = start + stride - 1;
        for (long at = start; at < end; at += 64) {
          sum += memory.readByte(at);
        }
        sum += memory.readByte(end);
      }
      touched = sum; // kept, so that the reads are not optimised away
    }

    @Override
    public float score(int node) throws IOException {
      byte[] stored;
      float storedOffset;
      IndexInput in = input;
      if (in != null) {
        stored = this.stored;
        storedOffset = readRecord(in, node, stored);
      } else {
        stored = values.vectorValue(node);
        storedOffset = values.getScoreCorrectionConstant(node);
      }
      int dot = VECTOR_API ? Int7VectorDot.dot(stored, query) : dot(stored, packed, query);
      return luceneScore(dot, multiplier, queryOffset, storedOffset);
    }
  }

  /**
   * Scorers from one stored vector to the others, for the graph merges. A graph builder asks for
   * one scorer per candidate neighbour (about a thousand per inserted vector) and scores each
   * against dozens of vectors, so a merge's supplier copies the vector file onto the heap once
   * ({@link Records}, shared by the {@link #copy()} Lucene makes for each merge thread) and its
   * scorers compute the dot product straight from there, with no seek, copy or file clone per
   * score. When the copy would take more than half of the free heap, the scorers read the file
   * instead, each supplier through its one reader and scratch array.
   */
  private static final class Supplier implements RandomVectorScorerSupplier {
    private final RandomAccessQuantizedByteVectorValues values;
    private final @Nullable Records records; // the vector file on the heap, or null
    private final @Nullable IndexInput file; // this supplier's own reader, when not on the heap
    private final byte[] stored;

    Supplier(RandomAccessQuantizedByteVectorValues values, @Nullable Records records) {
      this.values = values;
      this.records = records;
      IndexInput slice = records == null ? fileOf(values) : null;
      this.file = slice == null ? null : slice.clone();
      this.stored = new byte[values.getVectorByteLength()];
    }

    @Override
    public RandomVectorScorer scorer(int ord) throws IOException {
      Records heap = records;
      if (heap != null) {
        byte[] query = new byte[stored.length];
        float offset = heap.read(ord, query);
        return new HeapScorer(values, heap, query, offset);
      }
      IndexInput in = file;
      if (in == null) {
        RandomAccessQuantizedByteVectorValues others = values.copy();
        byte[] query = values.vectorValue(ord).clone();
        float offset = values.getScoreCorrectionConstant(ord);
        return new Scorer(others, query, offset, null, new byte[query.length]);
      }
      byte[] query = new byte[stored.length];
      float offset = readRecord(in, ord, query);
      return new Scorer(values, query, offset, in, stored);
    }

    @Override
    public RandomVectorScorerSupplier copy() throws IOException {
      return new Supplier(values.copy(), records);
    }
  }

  /**
   * The records of a vector file (each vector's bytes, then its little-endian float correction)
   * copied onto the heap, in pages of a power-of-two number of records under 1 GB each. Immutable
   * once loaded; shared by the merge threads.
   */
  static final class Records {
    private static final VarHandle FLOATS =
        MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[][] pages;
    final int shift; // log2 of the records per page
    final int mask;
    final int stride;

    private Records(byte[][] pages, int shift, int stride) {
      this.pages = pages;
      this.shift = shift;
      this.mask = (1 << shift) - 1;
      this.stride = stride;
    }

    /**
     * Copies {@code count} records of {@code dimension} bytes from {@code file}, or returns null
     * when there is no file or the copy would take more than half of the heap still free.
     */
    static @Nullable Records load(@Nullable IndexInput file, int count, int dimension)
        throws IOException {
      int stride = dimension + Float.BYTES;
      Runtime runtime = Runtime.getRuntime();
      long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
      if (file == null || count == 0 || (long) count * stride > free / 2) {
        return null;
      }
      int shift = 31 - Integer.numberOfLeadingZeros((1 << 30) / stride);
      int perPage = 1 << shift;
      byte[][] pages = new byte[(count + perPage - 1) >>> shift][];
      IndexInput in = file.clone();
      in.seek(0);
      for (int p = 0; p < pages.length; p++) {
        int records = Math.min(perPage, count - p * perPage);
        pages[p] = new byte[records * stride];
        in.readBytes(pages[p], 0, pages[p].length);
      }
      return new Records(pages, shift, stride);
    }

    /** Copies record {@code ord}'s vector into {@code vector} and returns its correction. */
    float read(int ord, byte[] vector) {
      byte[] page = pages[ord >>> shift];
      int at = (ord & mask) * stride;
      System.arraycopy(page, at, vector, 0, vector.length);
      return (float) FLOATS.get(page, at + vector.length);
    }
  }

  /** One stored vector against the others in {@link Records}: {@link Scorer}'s scores. */
  static final class HeapScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
    private final Records records;
    private final byte[] query;
    private final long[] packed;
    private final float queryOffset;
    private final float multiplier;
    private int touched;

    HeapScorer(
        RandomAccessQuantizedByteVectorValues values,
        Records records,
        byte[] query,
        float queryOffset) {
      super(values);
      this.records = records;
      this.query = query;
      this.packed = VECTOR_API ? NOT_PACKED : pack(query);
      this.queryOffset = queryOffset;
      this.multiplier = values.getScalarQuantizer().getConstantMultiplier();
    }

    /**
     * Reads one byte of every cache line of the first {@code count} {@code nodes}' records, so that
     * their memory fetches are in flight together before {@link #score} reads them one by one.
     */
    void prefetch(int[] nodes, int count) {
      Records heap = records;
      int sum = 0;
      for (int i = 0; i < count; i++) {
        byte[] page = heap.pages[nodes[i] >>> heap.shift];
        int start = (nodes[i] & heap.mask) * heap.stride;
        int end = start + heap.stride - 1;
        for (int at = start; at < end; at += 64) {
          sum += page[at];
        }
        sum += page[end];
      }
      touched = sum; // kept, so that the reads are not optimised away
    }

    @Override
    public float score(int node) {
      Records heap = records;
      byte[] page = heap.pages[node >>> heap.shift];
      int at = (node & heap.mask) * heap.stride;
      int dot = VECTOR_API ? Int7VectorDot.dot(page, at, query) : dot(page, at, packed, query);
      float storedOffset = (float) Records.FLOATS.get(page, at + query.length);
      return luceneScore(dot, multiplier, queryOffset, storedOffset);
    }
  }
}
