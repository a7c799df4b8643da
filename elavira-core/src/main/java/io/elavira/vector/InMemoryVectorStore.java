package io.elavira.vector;

import io.elavira.vector.internal.Cosines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An exact (brute-force) vector store held in memory: every search compares the query with every
 * record the filter accepts, so its results are the true nearest neighbours.
 *
 * <p>It is the <b>recall reference</b> approximate stores are measured against, and the default
 * index of an {@link io.elavira.ElaviraAgent}, which rebuilds it from the system of record each
 * time it opens. It is fast enough for personal agents: a search over 100k vectors of 384 floats
 * scans about 150 MB of floats and takes a few tens of milliseconds on one core; beyond ~100k
 * vectors use an ANN store from {@code elavira-vector}.
 *
 * <p>Vectors are L2-normalised on insertion and kept in one contiguous {@code float[]} (grown by
 * doubling), so a score is a dot product, i.e. the cosine similarity. Filters are evaluated inside
 * the scan: {@code topK} matching records are returned even when most records do not match. Deletes
 * swap the last record into the freed slot, so the array stays dense.
 *
 * <p>Thread-safe: searches and counts run in parallel under a read lock; upserts and deletes take
 * the write lock. The dimension is fixed by the first upsert; a record or query of another
 * dimension is rejected with {@link IllegalArgumentException}. After {@link #close()} the memory is
 * released and every call throws {@link IllegalStateException}.
 */
public final class InMemoryVectorStore implements VectorStore {
  private static final int INITIAL_CAPACITY = 64;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> slotById = new HashMap<>();
  private float[] vectors = new float[0];
  private String[] ids = new String[0];
  private List<Map<String, String>> metadata = new ArrayList<>();
  private int dimension;
  private int size;
  private boolean closed;

  /** Creates an empty store; its dimension is set by the first upsert. */
  public InMemoryVectorStore() {}

  /**
   * {@inheritDoc}
   *
   * <p>All records are checked before any is written: one bad dimension rejects the whole batch.
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's (or from
   *     the first record's, for the first upsert)
   */
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      ensureOpen();
      int dim = dimension == 0 ? records.get(0).vector().length : dimension;
      for (VectorRecord record : records) {
        if (record.vector().length != dim) {
          throw new IllegalArgumentException(
              "vector of record "
                  + record.id()
                  + " has dimension "
                  + record.vector().length
                  + " but this store holds vectors of dimension "
                  + dim
                  + "; use the same embedding model for every record");
        }
      }
      if (dimension == 0) {
        dimension = dim;
      }
      for (VectorRecord record : records) {
        Integer slot = slotById.get(record.id());
        if (slot == null) {
          slot = size;
          ensureCapacity(size + 1);
          ids[slot] = record.id();
          metadata.add(record.metadata());
          slotById.put(record.id(), slot);
          size++;
        } else {
          metadata.set(slot, record.metadata());
        }
        writeNormalised(record.vector(), slot * dimension);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void delete(Collection<String> idsToDelete) {
    Objects.requireNonNull(idsToDelete, "ids");
    lock.writeLock().lock();
    try {
      ensureOpen();
      for (String id : idsToDelete) {
        Integer slot = slotById.get(id);
        if (slot != null) {
          removeSlot(slot);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public int delete(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    lock.writeLock().lock();
    try {
      ensureOpen();
      int deleted = 0;
      int slot = 0;
      while (slot < size) {
        if (filter.test(metadata.get(slot))) {
          removeSlot(slot); // the last record moved into this slot: test it next
          deleted++;
        } else {
          slot++;
        }
      }
      return deleted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Scores are cosine similarities in [-1, 1]; ties are broken by id so results are
   * deterministic. A store that is empty returns an empty list whatever the query's dimension.
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    lock.readLock().lock();
    try {
      ensureOpen();
      if (size == 0) {
        return List.of();
      }
      float[] query = request.vector();
      if (query.length != dimension) {
        throw new IllegalArgumentException(
            "query vector has dimension "
                + query.length
                + " but this store holds vectors of"
                + " dimension "
                + dimension
                + "; embed the query with the model used for the records");
      }
      float[] q = Cosines.normalised(query);
      Filter filter = request.filter();
      boolean everything = filter == Filter.all();
      double minScore = request.minScore();
      TopK top = new TopK(Math.min(request.topK(), size));
      // Chunks of one document share one metadata map and sit next to each other: the filter is
      // evaluated once per run of identical maps, not once per vector.
      Map<String, String> lastMetadata = null;
      boolean lastAccepted = false;
      for (int slot = 0; slot < size; slot++) {
        if (!everything) {
          Map<String, String> m = metadata.get(slot);
          if (m != lastMetadata) {
            lastAccepted = filter.test(m);
            lastMetadata = m;
          }
          if (!lastAccepted) {
            continue;
          }
        }
        float score = Cosines.dot(q, vectors, slot * dimension, dimension);
        if (score >= minScore) {
          top.offer(score, slot);
        }
      }
      return top.hits();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int count(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    lock.readLock().lock();
    try {
      ensureOpen();
      if (filter == Filter.all()) {
        return size;
      }
      int n = 0;
      for (int slot = 0; slot < size; slot++) {
        if (filter.test(metadata.get(slot))) {
          n++;
        }
      }
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Releases the memory. Idempotent; afterwards every call throws IllegalStateException. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      vectors = new float[0];
      ids = new String[0];
      metadata = new ArrayList<>();
      slotById.clear();
      size = 0;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryVectorStore[size=" + size + ", dimension=" + dimension + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this InMemoryVectorStore is closed");
    }
  }

  private void ensureCapacity(int records) {
    if (records <= ids.length) {
      return;
    }
    int capacity = Math.max(INITIAL_CAPACITY, ids.length);
    while (capacity < records) {
      capacity *= 2;
    }
    if ((long) capacity * dimension > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "InMemoryVectorStore cannot hold "
              + records
              + " vectors of dimension "
              + dimension
              + "; use an ANN store from elavira-vector");
    }
    vectors = Arrays.copyOf(vectors, capacity * dimension);
    ids = Arrays.copyOf(ids, capacity);
  }

  private void removeSlot(int slot) {
    int last = size - 1;
    slotById.remove(ids[slot]);
    if (slot != last) {
      System.arraycopy(vectors, last * dimension, vectors, slot * dimension, dimension);
      ids[slot] = ids[last];
      metadata.set(slot, metadata.get(last));
      slotById.put(ids[slot], slot);
    }
    ids[last] = null;
    metadata.remove(last);
    size--;
  }

  private void writeNormalised(float[] source, int offset) {
    Cosines.normaliseInto(source, vectors, offset);
  }

  /** A bounded min-heap of (score, slot): the root is the worst of the best {@code k} so far. */
  private final class TopK {
    private final float[] scores;
    private final int[] slots;
    private int n;

    TopK(int k) {
      scores = new float[k];
      slots = new int[k];
    }

    void offer(float score, int slot) {
      if (n < scores.length) {
        scores[n] = score;
        slots[n] = slot;
        siftUp(n++);
      } else if (worse(scores[0], slots[0], score, slot)) {
        scores[0] = score;
        slots[0] = slot;
        siftDown(0);
      }
    }

    List<SearchHit> hits() {
      SearchHit[] out = new SearchHit[n];
      while (n > 0) {
        float score = scores[0];
        int slot = slots[0];
        n--;
        scores[0] = scores[n];
        slots[0] = slots[n];
        siftDown(0);
        double clamped = Math.max(-1.0, Math.min(1.0, score));
        out[n] = new SearchHit(ids[slot], clamped, metadata.get(slot));
      }
      return List.of(out);
    }

    /** Whether (sa, a) ranks below (sb, b): lower score, or same score and greater id. */
    private boolean worse(float sa, int a, float sb, int b) {
      if (sa != sb) {
        return sa < sb;
      }
      return ids[a].compareTo(ids[b]) > 0;
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(scores[i], slots[i], scores[parent], slots[parent])) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int left = 2 * i + 1;
        if (left >= n) {
          return;
        }
        int smallest = left;
        int right = left + 1;
        if (right < n && worse(scores[right], slots[right], scores[left], slots[left])) {
          smallest = right;
        }
        if (!worse(scores[smallest], slots[smallest], scores[i], slots[i])) {
          return;
        }
        swap(i, smallest);
        i = smallest;
      }
    }

    private void swap(int a, int b) {
      float s = scores[a];
      scores[a] = scores[b];
      scores[b] = s;
      int t = slots[a];
      slots[a] = slots[b];
      slots[b] = t;
    }
  }
}
