package io.elavira.vector.lucene.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge writer's graphs: as good as Lucene's concurrent builder's, readable by Lucene's reader,
 * and right about which vector is which after a merge that reuses a segment's graph.
 */
class Int7HnswMergeWriterTest {
  private static final int DIMENSION = 32;

  @TempDir Path dir;

  @Test
  void aMergedGraphFindsTheTrueNeighboursAsWellAsLucenesOwnMergeAndPassesCheckIndex()
      throws Exception {
    List<float[]> vectors = clustered(new Random(3), 6000);
    List<float[]> queries = clustered(new Random(4), 60);
    Path ours = write(dir.resolve("ours"), new Int7HnswVectorsFormat(8, 60, 2), vectors, 1500);
    Path lucene =
        write(
            dir.resolve("lucene"),
            new Lucene99HnswScalarQuantizedVectorsFormat(8, 60, 2, 7, false, null, null),
            vectors,
            1500);
    double oursRecall = recall(ours, vectors, Set.of(), queries, 30);
    double luceneRecall = recall(lucene, vectors, Set.of(), queries, 30);
    // 7-bit quantisation of 32 components caps both near 0.75 here (0.745 and 0.747 when written).
    assertThat(oursRecall).isGreaterThanOrEqualTo(0.7);
    assertThat(oursRecall).isGreaterThanOrEqualTo(luceneRecall - 0.02);
    try (FSDirectory fs = FSDirectory.open(ours);
        CheckIndex check = new CheckIndex(fs)) {
      assertThat(check.checkIndex().clean).isTrue();
    }
  }

  @Test
  void aMergeThatReusesTheBiggestSegmentsGraphKeepsEveryVectorWithItsDocument() throws Exception {
    List<float[]> vectors = clustered(new Random(5), 4000);
    Set<Integer> deleted = new HashSet<>();
    for (int i = 0; i < 4000; i += 7) {
      if (i < 500 || i >= 3500) {
        deleted.add(i); // deletions in the small segments only: the big one's graph is reused
      }
    }
    List<float[]> queries = clustered(new Random(6), 60);
    Path ours = dir.resolve("ours");
    writeAndMergeWithReuse(ours, new Int7HnswVectorsFormat(8, 60, 2), vectors, deleted);
    Path lucene = dir.resolve("lucene");
    writeAndMergeWithReuse(
        lucene,
        new Lucene99HnswScalarQuantizedVectorsFormat(8, 60, 2, 7, false, null, null),
        vectors,
        deleted);
    double oursRecall = recall(ours, vectors, deleted, queries, 30); // a wrong renumbering: ~0
    assertThat(oursRecall).isGreaterThanOrEqualTo(0.7);
    assertThat(oursRecall)
        .isGreaterThanOrEqualTo(recall(lucene, vectors, deleted, queries, 30) - 0.02);
  }

  /**
   * A big segment with its own graph between two small ones with deletions (so its vectors move),
   * then one merge.
   */
  private static void writeAndMergeWithReuse(
      Path path, KnnVectorsFormat format, List<float[]> vectors, Set<Integer> deleted)
      throws IOException {
    try (FSDirectory fs = FSDirectory.open(path);
        IndexWriter writer =
            new IndexWriter(
                fs,
                new IndexWriterConfig()
                    .setCodec(codec(format))
                    .setMaxBufferedDocs(5000)
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      add(writer, vectors, 0, 500);
      writer.commit();
      add(writer, vectors, 500, 3500);
      writer.commit();
      add(writer, vectors, 3500, 4000);
      for (int id : deleted) {
        writer.deleteDocuments(new Term("id", Integer.toString(id)));
      }
      writer.commit();
      writer.getConfig().setMergePolicy(new LogDocMergePolicy()); // merges in index order
      writer.forceMerge(1);
    }
  }

  @Test
  void aBuilderStartingFromAWholeGraphKeepsItsLinksRenumbered() throws Exception {
    List<float[]> vectors = clustered(new Random(8), 1500);
    RandomVectorScorerSupplier scorers = floatScorers(vectors);
    FlatHnswGraph first = FlatHnswBuilder.create(scorers, vectors.size(), 6, 40).build(null, 1);
    HnswGraph view = new FlatGraphView(first);
    int[] reversed = new int[vectors.size()]; // old node i is new node n - 1 - i
    List<float[]> renumbered = new ArrayList<>();
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = reversed.length - 1 - i;
      renumbered.add(vectors.get(reversed.length - 1 - i));
    }
    FlatHnswGraph second =
        FlatHnswBuilder.startingFrom(
                view, reversed, floatScorers(renumbered), vectors.size(), 6, 40)
            .build(null, 1);
    int[] a = new int[12];
    int[] b = new int[12];
    for (int level = 0; level < view.numLevels(); level++) {
      for (int node : first.nodesOnLevel(level)) {
        int count = first.neighbours(level, node, a);
        assertThat(second.level(reversed[node])).isEqualTo(first.level(node));
        assertThat(second.neighbours(level, reversed[node], b)).isEqualTo(count);
        int[] expected = Arrays.stream(a, 0, count).map(n -> reversed[n]).sorted().toArray();
        assertThat(Arrays.stream(b, 0, count).sorted().toArray()).isEqualTo(expected);
      }
    }
  }

  @Test
  void fourThreadsBuildAGraphAsGoodAsOne() throws Exception {
    List<float[]> vectors = clustered(new Random(9), 4000);
    List<float[]> queries = clustered(new Random(10), 50);
    RandomVectorScorerSupplier scorers = floatScorers(vectors);
    FlatHnswGraph single = FlatHnswBuilder.create(scorers, vectors.size(), 8, 60).build(null, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    FlatHnswGraph four;
    try {
      four =
          FlatHnswBuilder.create(scorers, vectors.size(), 8, 60).build(new TaskExecutor(pool), 4);
    } finally {
      pool.shutdown();
    }
    double one = greedyRecall(single, vectors, queries);
    double many = greedyRecall(four, vectors, queries);
    assertThat(one).isGreaterThanOrEqualTo(0.9);
    assertThat(many).isGreaterThanOrEqualTo(one - 0.03);
  }

  // ---------------------------------------------------------------------------------------------

  /** Vectors around 40 random centres, normalised: neighbourhoods a graph must find. */
  private static List<float[]> clustered(Random random, int count) {
    Random centres = new Random(1);
    float[][] centre = new float[40][DIMENSION];
    for (float[] c : centre) {
      for (int i = 0; i < DIMENSION; i++) {
        c[i] = (float) centres.nextGaussian();
      }
    }
    List<float[]> vectors = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      float[] c = centre[random.nextInt(centre.length)];
      float[] v = new float[DIMENSION];
      double norm = 0;
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = c[i] + (float) (0.6 * random.nextGaussian());
        norm += v[i] * v[i];
      }
      for (int i = 0; i < DIMENSION; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      vectors.add(v);
    }
    return vectors;
  }

  private static Codec codec(KnnVectorsFormat format) {
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  /** Writes {@code vectors} in segments of {@code perSegment}, then merges them into one. */
  private static Path write(
      Path path, KnnVectorsFormat format, List<float[]> vectors, int perSegment)
      throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(codec(format))
            .setMaxBufferedDocs(perSegment)
            .setMergePolicy(NoMergePolicy.INSTANCE)
            .setMergeScheduler(new ConcurrentMergeScheduler());
    try (FSDirectory fs = FSDirectory.open(path);
        IndexWriter writer = new IndexWriter(fs, config)) {
      add(writer, vectors, 0, vectors.size());
      writer.commit();
      writer.getConfig().setMergePolicy(new IndexWriterConfig().getMergePolicy());
      writer.forceMerge(1);
    }
    return path;
  }

  private static void add(IndexWriter writer, List<float[]> vectors, int from, int to)
      throws IOException {
    for (int i = from; i < to; i++) {
      Document doc = new Document();
      doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
      doc.add(new KnnFloatVectorField("v", vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
      writer.addDocument(doc);
    }
  }

  /** Recall@10 of a top-10 search with beam {@code beam}, the documents found read by their id. */
  private static double recall(
      Path path, List<float[]> vectors, Set<Integer> deleted, List<float[]> queries, int beam)
      throws IOException {
    int hits = 0;
    try (FSDirectory fs = FSDirectory.open(path);
        DirectoryReader reader = DirectoryReader.open(fs)) {
      assertThat(reader.leaves()).hasSize(1);
      IndexSearcher searcher = new IndexSearcher(reader);
      for (float[] query : queries) {
        Set<Integer> truth = new HashSet<>(exact(vectors, deleted, query));
        ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery("v", query, beam), 10).scoreDocs;
        for (ScoreDoc hit : found) {
          int id = Integer.parseInt(reader.storedFields().document(hit.doc).get("id"));
          assertThat(deleted).doesNotContain(id);
          hits += truth.contains(id) ? 1 : 0;
        }
      }
    }
    return hits / (10.0 * queries.size());
  }

  private static List<Integer> exact(List<float[]> vectors, Set<Integer> deleted, float[] query) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      if (!deleted.contains(i)) {
        ids.add(i);
      }
    }
    ids.sort(
        Comparator.comparingDouble(
            (Integer i) -> -VectorSimilarityFunction.DOT_PRODUCT.compare(vectors.get(i), query)));
    return ids.subList(0, 10);
  }

  /** Recall@10 of a walk of {@code graph} from its entry (the top level's first node), beam 30. */
  private static double greedyRecall(
      FlatHnswGraph graph, List<float[]> vectors, List<float[]> queries) throws IOException {
    HnswGraph view = new FlatGraphView(graph);
    int hits = 0;
    for (float[] query : queries) {
      Set<Integer> truth = new HashSet<>(exact(vectors, Set.of(), query));
      RandomVectorScorer scorer = floatScorer(vectors, query);
      TopKnnCollector collector = new TopKnnCollector(30, Integer.MAX_VALUE);
      HnswGraphSearcher.search(scorer, collector, view, null);
      ScoreDoc[] found = collector.topDocs().scoreDocs;
      for (ScoreDoc hit : Arrays.copyOf(found, 10)) {
        hits += truth.contains(hit.doc) ? 1 : 0;
      }
    }
    return hits / (10.0 * queries.size());
  }

  private static RandomVectorScorer floatScorer(List<float[]> vectors, float[] query) {
    return new RandomVectorScorer() {
      @Override
      public float score(int node) {
        return VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(node));
      }

      @Override
      public int maxOrd() {
        return vectors.size();
      }
    };
  }

  private static RandomVectorScorerSupplier floatScorers(List<float[]> vectors) {
    return new RandomVectorScorerSupplier() {
      @Override
      public RandomVectorScorer scorer(int ord) {
        return floatScorer(vectors, vectors.get(ord));
      }

      @Override
      public RandomVectorScorerSupplier copy() {
        return this;
      }
    };
  }

  /** A {@link FlatHnswGraph} seen as Lucene's {@link HnswGraph}, for walks and copies. */
  private static final class FlatGraphView extends HnswGraph {
    private final FlatHnswGraph graph;
    private final int[] row;
    private int count;
    private int next;

    FlatGraphView(FlatHnswGraph graph) {
      this.graph = graph;
      this.row = new int[graph.capacity(0)];
    }

    @Override
    public void seek(int level, int target) {
      count = graph.neighbours(level, target, row);
      next = 0;
    }

    @Override
    public int size() {
      return graph.size();
    }

    @Override
    public int nextNeighbor() {
      return next < count ? row[next++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int numLevels() {
      return graph.levels();
    }

    @Override
    public int entryNode() throws IOException {
      return graph.nodesOnLevel(numLevels() - 1)[0];
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      int[] nodes = graph.nodesOnLevel(level);
      return new ArrayNodesIterator(nodes, nodes.length);
    }
  }
}
