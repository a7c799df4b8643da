package io.elavira.vector.lucene;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/**
 * The first step of {@link LuceneVectorStore}'s search: the graph's best candidates for a query,
 * among the records a filter accepts. Not API.
 *
 * <p>It runs Lucene's {@link KnnFloatVectorQuery} with Lucene's own strategy per segment (the
 * approximate graph search of the accepted documents; an exact search when at most {@code k} are
 * accepted, or when the walk visits more documents than are accepted), with two differences that
 * only remove work:
 *
 * <ul>
 *   <li>Each segment's accepted documents (filter matched and not deleted) are computed once per
 *       filter and segment version and kept until that segment version is closed, instead of being
 *       collected into a new bit set over the whole segment at every query; a filter that accepts
 *       every live document of a segment (one agent, no owners) is searched there as no filter.
 *   <li>The candidates are taken from the query's rewrite (where Lucene merges the segments'
 *       results), instead of searching the rewritten query a second time to collect them again.
 * </ul>
 *
 * <p>Thread-safe. Memory: at most {@link #FILTERS_PER_SEGMENT} bit sets of one bit per document for
 * each open segment version; filters that accept everything keep no bit set.
 */
final class GraphCandidates {
  /**
   * Filters whose accepted documents are kept per segment version; past it, that segment's are
   * dropped and computed again when asked (a server with many users each searching their own).
   */
  static final int FILTERS_PER_SEGMENT = 64;

  private static final TopDocs NONE =
      new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);

  private final Map<IndexReader.CacheKey, Map<Query, Accepted>> cache = new ConcurrentHashMap<>();

  /**
   * The {@code k} best candidates (by the graph's approximate score, best first, doc ids of the
   * searcher's reader) among the documents {@code filter} accepts, or among all when null.
   */
  ScoreDoc[] search(IndexSearcher searcher, float[] query, int k, @Nullable Query filter)
      throws IOException {
    CandidateQuery knn =
        new CandidateQuery(query, k, filter == null ? null : new Filtering(searcher, filter));
    searcher.rewrite(knn); // the graph walks happen here; the rewritten query is not searched
    return knn.candidates;
  }

  /** Bit sets kept (for tests): the number of segment versions holding any. */
  int segmentsCached() {
    return cache.size();
  }

  /**
   * A segment's documents a filter accepts: all live ones, or {@code count} set in {@code bits}.
   */
  private record Accepted(@Nullable FixedBitSet bits, int count) {
    static final Accepted ALL = new Accepted(null, -1);
  }

  /** One search's filter: its accepted documents per segment, from the cache or computed. */
  private final class Filtering {
    private final IndexSearcher searcher;
    private final Query filter;
    private @Nullable Weight weight;

    Filtering(IndexSearcher searcher, Query filter) {
      this.searcher = searcher;
      this.filter = filter;
    }

    Accepted of(LeafReaderContext context) throws IOException {
      IndexReader.CacheHelper helper = context.reader().getReaderCacheHelper();
      if (helper == null) {
        return compute(context);
      }
      // The reader's key changes with its deletions: a cached set never holds a deleted document.
      Map<Query, Accepted> forSegment =
          cache.computeIfAbsent(
              helper.getKey(),
              key -> {
                helper.addClosedListener(cache::remove);
                return new ConcurrentHashMap<>();
              });
      Accepted accepted = forSegment.get(filter);
      if (accepted == null) {
        accepted = compute(context);
        if (forSegment.size() >= FILTERS_PER_SEGMENT) {
          forSegment.clear();
        }
        forSegment.put(filter, accepted);
      }
      return accepted;
    }

    /** As Lucene's query does per search: the filter's documents that have a vector and live. */
    private Accepted compute(LeafReaderContext context) throws IOException {
      if (weight == null) {
        Query withVector =
            new BooleanQuery.Builder()
                .add(filter, Occur.FILTER)
                .add(new FieldExistsQuery(VectorDocuments.VECTOR), Occur.FILTER)
                .build();
        weight =
            searcher.createWeight(searcher.rewrite(withVector), ScoreMode.COMPLETE_NO_SCORES, 1f);
      }
      LeafReader reader = context.reader();
      Scorer scorer = weight.scorer(context);
      if (scorer == null) {
        return new Accepted(null, 0);
      }
      Bits live = reader.getLiveDocs();
      FixedBitSet bits = new FixedBitSet(reader.maxDoc());
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live == null || live.get(doc)) {
          bits.set(doc);
        }
      }
      int count = bits.cardinality();
      return count == reader.numDocs() ? Accepted.ALL : new Accepted(bits, count);
    }
  }

  /**
   * Lucene's vector query with its strategy per segment fed from {@link Filtering} instead of its
   * own per-search bit set, keeping the merged candidates of its rewrite.
   */
  private static final class CandidateQuery extends KnnFloatVectorQuery {
    private final @Nullable Filtering filtering;
    private ScoreDoc[] candidates = new ScoreDoc[0];

    CandidateQuery(float[] target, int k, @Nullable Filtering filtering) {
      super(VectorDocuments.VECTOR, target, k); // no Lucene filter: filtering supplies the docs
      this.filtering = filtering;
    }

    @Override
    protected TopDocs approximateSearch(
        LeafReaderContext context, Bits liveDocs, int visitedLimit, KnnCollectorManager collectors)
        throws IOException {
      if (filtering == null) {
        return super.approximateSearch(context, liveDocs, visitedLimit, collectors);
      }
      Accepted accepted = filtering.of(context);
      FixedBitSet bits = accepted.bits();
      if (bits == null) {
        return accepted.count() == 0
            ? NONE
            : super.approximateSearch(context, liveDocs, visitedLimit, collectors);
      }
      int count = accepted.count();
      if (count <= k) {
        // As Lucene: the graph search visits at least k documents, an exact scan of these is less.
        return exactSearch(context, new BitSetIterator(bits, count), null);
      }
      TopDocs results = super.approximateSearch(context, bits, count + 1, collectors);
      if (results.totalHits.relation == TotalHits.Relation.EQUAL_TO) {
        return results;
      }
      // As Lucene: the walk visited more documents than the filter accepts; scan those instead.
      return exactSearch(context, new BitSetIterator(bits, count), null);
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      TopDocs merged = super.mergeLeafResults(perLeafResults);
      // A copy: the rewrite then sorts the merged array by doc id.
      candidates = merged.scoreDocs.clone();
      return merged;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return this == o; // one search's query, never cached or compared
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
