package io.elavira.vector.hnswlib;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.NullProgressListener;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import com.github.jelmerk.hnswlib.core.hnsw.SizeLimitExceededException;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The hnswlib graph and the searches on it: filtered search that never returns fewer than {@code
 * topK} matching records, growth past the capacity, bulk add on several threads. Not API; not
 * thread-safe for writes (the store serializes them and keeps searches out while one applies).
 */
final class HnswGraph {
  /** How many times the beam grows before a filtered search scans the matching records exactly. */
  private static final int BEAM_GROWTH = 4;

  private final int m;
  private final int efConstruction;
  private final int ef;
  private final int initialCapacity;
  private HnswIndex<String, float[], HnswItem, Float> index;

  HnswGraph(int dimension, int m, int efConstruction, int ef, int initialCapacity) {
    this.m = m;
    this.efConstruction = efConstruction;
    this.ef = ef;
    this.initialCapacity = initialCapacity;
    this.index = empty(dimension);
  }

  private HnswIndex<String, float[], HnswItem, Float> empty(int dimension) {
    return HnswIndex.newBuilder(dimension, DistanceFunctions.FLOAT_INNER_PRODUCT, initialCapacity)
        .withM(m)
        .withEfConstruction(efConstruction)
        .withEf(ef)
        .withRemoveEnabled()
        .withCustomSerializers(HnswItem.IdSerializer.INSTANCE, HnswItem.Serializer.INSTANCE)
        .build();
  }

  /** Replaces the graph with a loaded snapshot's. */
  void replace(HnswIndex<String, float[], HnswItem, Float> loaded) {
    this.index = loaded;
  }

  HnswIndex<String, float[], HnswItem, Float> index() {
    return index;
  }

  /** Empties the graph. */
  void clear() {
    index = empty(index.getDimensions());
  }

  /** Adds or replaces records one by one, growing the graph when it is full. */
  void upsert(Collection<HnswItem> items) {
    for (HnswItem item : items) {
      while (true) {
        try {
          index.add(item);
          break;
        } catch (SizeLimitExceededException e) {
          index.resize(Math.max(index.getMaxItemCount() * 2, initialCapacity));
        }
      }
    }
  }

  /** Adds or replaces many records on {@code threads} threads. */
  void addAll(Collection<HnswItem> items, int threads) throws InterruptedException {
    // Each add takes at most one new node: this is always enough room.
    index.resize(index.getMaxItemCount() + items.size());
    index.addAll(items, threads, NullProgressListener.INSTANCE, Integer.MAX_VALUE);
  }

  /** Removes the records with these ids; a graph left empty is replaced by a fresh one. */
  void delete(Collection<String> ids) {
    for (String id : ids) {
      index.remove(id, 0);
    }
    if (index.size() == 0) {
      // Removed nodes stay in the graph until it is rebuilt: an emptied graph (a rebuild's
      // delete(all)) starts again from nothing.
      index = empty(index.getDimensions());
    }
  }

  /** The ids of the records the filter matches. */
  List<String> ids(Filter filter) {
    List<String> ids = new ArrayList<>();
    for (HnswItem item : index.items()) {
      if (filter.test(item.metadata())) {
        ids.add(item.id());
      }
    }
    return ids;
  }

  int count(Filter filter) {
    return filter instanceof Filter.All ? index.size() : ids(filter).size();
  }

  /**
   * The best {@code topK} records the filter matches with a score of at least {@code minScore}, for
   * a normalised {@code query}. A filtered search walks the graph with a growing beam and keeps the
   * matching results; when the beam would cover most of the graph (few records match), it scans the
   * matching records exactly instead, so rare matches are never lost.
   */
  List<SearchHit> search(float[] query, int topK, Filter filter, double minScore) {
    int size = index.size();
    if (size == 0) {
      return List.of();
    }
    int beam = Math.max(topK, ef);
    while (true) {
      if (beam >= size && !(filter instanceof Filter.All)) {
        return exact(query, topK, filter, minScore);
      }
      List<SearchHit> hits = new ArrayList<>();
      for (SearchResult<HnswItem, Float> r : index.findNearest(query, Math.min(beam, size))) {
        HnswItem item = r.item();
        if (filter.test(item.metadata())) {
          double score = dot(query, item.vector());
          if (score >= minScore) {
            hits.add(new SearchHit(item.id(), score, item.metadata()));
          }
        }
      }
      if (hits.size() >= topK || filter instanceof Filter.All || beam >= size) {
        return best(hits, topK);
      }
      beam = beam > size / BEAM_GROWTH ? size : beam * BEAM_GROWTH;
    }
  }

  private List<SearchHit> exact(float[] query, int topK, Filter filter, double minScore) {
    List<SearchHit> hits = new ArrayList<>();
    for (HnswItem item : index.items()) {
      if (filter.test(item.metadata())) {
        double score = dot(query, item.vector());
        if (score >= minScore) {
          hits.add(new SearchHit(item.id(), score, item.metadata()));
        }
      }
    }
    return best(hits, topK);
  }

  private static List<SearchHit> best(List<SearchHit> hits, int topK) {
    // Equal scores: by id, as the exact store orders them.
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id));
    return hits.size() > topK ? List.copyOf(hits.subList(0, topK)) : hits;
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Writes the graph into a snapshot. */
  long save(Path directory, SnapshotFile.Header header) throws IOException {
    return SnapshotFile.write(directory, header, index);
  }
}
