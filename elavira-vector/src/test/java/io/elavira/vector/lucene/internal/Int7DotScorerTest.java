package io.elavira.vector.lucene.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.ToIntBiFunction;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.RandomAccessQuantizedByteVectorValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Int7DotScorerTest {
  @TempDir Path dir;

  @Test
  void thePackedDotProductEqualsTheByteByByteOneForEveryLengthAndTheExtremes() {
    assertEqualsByteByByte((a, b) -> Int7DotScorer.dot(a, Int7DotScorer.pack(b), b), 72, 50, 42);
  }

  @Test
  void theVectorApiDotProductEqualsTheByteByByteOneForEveryLengthAndTheExtremes() {
    assertEqualsByteByByte(Int7VectorDot::dot, 144, 20, 43);
  }

  /**
   * {@code dot} against the byte-by-byte product on random 7-bit vectors of every length up to
   * {@code maxLength}, then on the extremes (all 127, all 0) at 384 dimensions.
   */
  private static void assertEqualsByteByByte(
      ToIntBiFunction<byte[], byte[]> dot, int maxLength, int rounds, long seed) {
    Random random = new Random(seed);
    for (int length = 1; length <= maxLength; length++) {
      for (int round = 0; round < rounds; round++) {
        byte[] a = sevenBit(random, length);
        byte[] b = sevenBit(random, length);
        assertThat(dot.applyAsInt(a, b)).as("length %d", length).isEqualTo(plainDot(a, b));
      }
    }
    byte[] max = new byte[384];
    Arrays.fill(max, (byte) 127);
    assertThat(dot.applyAsInt(max, max)).isEqualTo(384 * 127 * 127);
    assertThat(dot.applyAsInt(new byte[384], max)).isZero();
  }

  @Test
  void theTestJvmWithTheVectorModuleTakesTheVectorPathWhereverTheCpuAllowsIt() {
    // surefire starts this JVM with --add-modules jdk.incubator.vector (elavira-vector/pom.xml),
    // so the index test below goes through Int7VectorDot on any AVX2 or wider CPU.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(Int7DotScorer.VECTOR_API).isEqualTo(Int7VectorDot.usable());
  }

  /** The filters the format comparison runs with, on the documents' group (index % 10). */
  enum GroupFilter {
    NONE(null, group -> true),
    /** Accepts 80 %: the graph walk with accepted ordinals. */
    GROUPS_0_TO_7(IntField.newRangeQuery("group", 0, 7), group -> group < 8),
    /** Accepts 10 %: the walk reaches its visit limit, then Lucene scans exactly. */
    GROUP_3(IntField.newExactQuery("group", 3), group -> group == 3);

    final @Nullable Query query;
    final IntPredicate accepts;

    GroupFilter(@Nullable Query query, IntPredicate accepts) {
      this.query = query;
      this.accepts = accepts;
    }
  }

  @ParameterizedTest
  @EnumSource(GroupFilter.class)
  void anIndexInThisFormatFindsExactlyWhatLucenesOwnFormatFindsWithTheSameScores(GroupFilter filter)
      throws Exception {
    Random random = new Random(7);
    try (BothFormats both = bothFormats(unitVectors(random, 3000, 48))) {
      DirectoryReader a = both.ours();
      DirectoryReader b = both.lucene();
      assertThat(a.leaves()).hasSize(1);
      for (int q = 0; q < 40; q++) {
        float[] query = unit(random, 48);
        ScoreDoc[] x =
            new IndexSearcher(a)
                .search(new KnnFloatVectorQuery("v", query, 20, filter.query), 20)
                .scoreDocs;
        ScoreDoc[] y =
            new IndexSearcher(b)
                .search(new KnnFloatVectorQuery("v", query, 20, filter.query), 20)
                .scoreDocs;
        assertThat(x).hasSize(20);
        for (int i = 0; i < x.length; i++) {
          assertThat(x[i].doc).as("query %d, rank %d", q, i).isEqualTo(y[i].doc);
          assertThat(x[i].score).as("query %d, rank %d", q, i).isEqualTo(y[i].score);
          int group =
              a.storedFields().document(x[i].doc).getField("group").numericValue().intValue();
          assertThat(filter.accepts.test(group))
              .as("group %d of query %d, rank %d", group, q, i)
              .isTrue();
        }
      }
    }
  }

  @Test
  void theWalkVisitsTheNodesLucenesOwnWalkVisitsWithAndWithoutAFilterAndAVisitLimit()
      throws Exception {
    Random random = new Random(11);
    List<float[]> vectors = unitVectors(random, 3000, 96);
    try (BothFormats both = bothFormats(vectors)) {
      LeafReader x = both.ours().leaves().get(0).reader();
      LeafReader y = both.lucene().leaves().get(0).reader();
      KnnVectorsReader vectorReader =
          ((PerFieldKnnVectorsFormat.FieldsReader) ((CodecReader) x).getVectorReader())
              .getFieldReader("v");
      assertThat(vectorReader).isInstanceOf(PrefetchingHnswReader.class);
      Bits everyThird =
          new Bits() {
            @Override
            public boolean get(int index) {
              return index % 3 == 0;
            }

            @Override
            public int length() {
              return vectors.size();
            }
          };
      for (int q = 0; q < 20; q++) {
        float[] query = unit(random, 96);
        // No filter and no limit; a filter; a filter and a limit the walk reaches part-way.
        for (Search search :
            List.of(
                new Search(null, Integer.MAX_VALUE),
                new Search(everyThird, Integer.MAX_VALUE),
                new Search(everyThird, 150))) {
          TopDocs walked = x.searchNearestVectors("v", query, 30, search.accept, search.limit);
          TopDocs expected = y.searchNearestVectors("v", query, 30, search.accept, search.limit);
          // The visit count is the walk's length: the same count, the same walk.
          assertThat(walked.totalHits).as("query %d, %s", q, search).isEqualTo(expected.totalHits);
          assertThat(walked.totalHits.value).isLessThan(vectors.size()); // a walk, not a scan
          assertThat(Arrays.stream(walked.scoreDocs).mapToInt(d -> d.doc).toArray())
              .as("query %d, %s", q, search)
              .isEqualTo(Arrays.stream(expected.scoreDocs).mapToInt(d -> d.doc).toArray());
          if (search.limit < Integer.MAX_VALUE) {
            assertThat(walked.totalHits.relation)
                .as("the walk stops at its visit limit")
                .isEqualTo(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO);
          }
        }
      }
    }
  }

  /**
   * A search of {@link
   * #theWalkVisitsTheNodesLucenesOwnWalkVisitsWithAndWithoutAFilterAndAVisitLimit}.
   */
  private record Search(@Nullable Bits accept, int limit) {}

  @Test
  void prefetchingEveryVectorUpToTheLastStaysInTheFileAndChangesNoScore() throws Exception {
    Random random = new Random(12);
    List<float[]> vectors = unitVectors(random, 1000, 100); // 104-byte records straddle lines
    Path ours = write(dir.resolve("ours"), new Int7HnswVectorsFormat(16, 100, 1), vectors);
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(ours))) {
      PrefetchingHnswReader vectorReader = fieldReader(reader);
      QuantizedByteVectorValues quantized = vectorReader.getQuantizedVectorValues("v");
      assertThat(quantized).isInstanceOf(RandomAccessQuantizedByteVectorValues.class);
      Int7DotScorer.Scorer scorer =
          (Int7DotScorer.Scorer)
              new Int7DotScorer()
                  .getRandomVectorScorer(
                      VectorSimilarityFunction.DOT_PRODUCT,
                      (RandomAccessQuantizedByteVectorValues) quantized,
                      unit(random, 100));
      int[] all = IntStream.range(0, vectors.size()).toArray();
      float[] before = new float[all.length];
      for (int node : all) {
        before[node] = scorer.score(node);
      }
      scorer.prefetch(all, all.length);
      for (int node : all) {
        assertThat(scorer.score(node)).as("node %d", node).isEqualTo(before[node]);
      }
    }
  }

  @Test
  void interleavedScorersOfOneSupplierGiveLucenesScores() throws Exception {
    Random random = new Random(21);
    Path ours =
        write(
            dir.resolve("ours"),
            new Int7HnswVectorsFormat(16, 100, 1),
            unitVectors(random, 500, 40));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(ours))) {
      PrefetchingHnswReader vectorReader = fieldReader(reader);
      RandomAccessQuantizedByteVectorValues values =
          (RandomAccessQuantizedByteVectorValues) vectorReader.getQuantizedVectorValues("v");
      RandomVectorScorerSupplier luceneSupplier =
          new Lucene99ScalarQuantizedVectorScorer(
                  FlatVectorScorerUtil.getLucene99FlatVectorsScorer())
              .getRandomVectorScorerSupplier(VectorSimilarityFunction.DOT_PRODUCT, values.copy());
      // As a graph builder does: a scorer held while others are made and used in between; from
      // the file on the heap and from the file itself.
      RandomVectorScorerSupplier fromHeap = Int7DotScorer.supplier(values, true);
      RandomVectorScorerSupplier fromFile = Int7DotScorer.supplier(values, false);
      for (RandomVectorScorerSupplier supplier :
          List.of(fromHeap, fromHeap.copy(), fromFile, fromFile.copy())) {
        for (int a = 0; a < 500; a += 37) {
          RandomVectorScorer held = supplier.scorer(a);
          for (int b = 0; b < 500; b += 11) {
            RandomVectorScorer other = supplier.scorer(b);
            int c = (a * 7 + b * 13) % 500;
            assertThat(other.score(c))
                .as("%d to %d", b, c)
                .isEqualTo(luceneSupplier.scorer(b).score(c));
            assertThat(held.score(b))
                .as("%d to %d", a, b)
                .isEqualTo(luceneSupplier.scorer(a).score(b));
          }
        }
      }
    }
  }

  /** The vector reader of field "v" in the one segment of {@code reader}, in this format. */
  private static PrefetchingHnswReader fieldReader(DirectoryReader reader) {
    return (PrefetchingHnswReader)
        ((PerFieldKnnVectorsFormat.FieldsReader)
                ((CodecReader) reader.leaves().get(0).reader()).getVectorReader())
            .getFieldReader("v");
  }

  /** The same vectors in this format and in Lucene's own (7 bits, same graph parameters). */
  private record BothFormats(DirectoryReader ours, DirectoryReader lucene)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      IOUtils.close(ours, lucene);
    }
  }

  private BothFormats bothFormats(List<float[]> vectors) throws Exception {
    Path ours = write(dir.resolve("ours"), new Int7HnswVectorsFormat(16, 100, 1), vectors);
    Path lucene =
        write(
            dir.resolve("lucene"),
            new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, 7, false, null, null),
            vectors);
    DirectoryReader a = DirectoryReader.open(FSDirectory.open(ours));
    try {
      return new BothFormats(a, DirectoryReader.open(FSDirectory.open(lucene)));
    } catch (IOException | RuntimeException e) {
      a.close();
      throw e;
    }
  }

  /**
   * Single-threaded adds in a fixed order into one flushed segment: both graphs are built by
   * Lucene's builder from the same scores, so equal scores give equal graphs and equal results. (A
   * merge would build this format's graph with {@link FlatHnswBuilder}: its merged graphs are
   * checked against Lucene's in {@code Int7HnswMergeWriterTest}.)
   */
  private static Path write(Path path, KnnVectorsFormat format, List<float[]> vectors)
      throws Exception {
    Codec codec =
        new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        };
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(codec)
            .setMaxBufferedDocs(vectors.size() + 1)
            .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
            .setMergeScheduler(new SerialMergeScheduler());
    try (FSDirectory fs = FSDirectory.open(path);
        IndexWriter writer = new IndexWriter(fs, config)) {
      for (float[] v : vectors) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField("v", v, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new IntField("group", writer.getDocStats().maxDoc % 10, Field.Store.YES));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
      writer.commit();
    }
    return path;
  }

  private static byte[] sevenBit(Random random, int length) {
    byte[] v = new byte[length];
    for (int i = 0; i < length; i++) {
      v[i] = (byte) (random.nextInt(4) == 0 ? 127 : random.nextInt(128));
    }
    return v;
  }

  private static int plainDot(byte[] a, byte[] b) {
    int total = 0;
    for (int i = 0; i < a.length; i++) {
      total += a[i] * b[i];
    }
    return total;
  }

  private static List<float[]> unitVectors(Random random, int count, int dimension) {
    List<float[]> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      vectors.add(unit(random, dimension));
    }
    return vectors;
  }

  private static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dimension; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
