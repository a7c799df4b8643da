package io.elavira.vector.lucene.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Int7DotScorerTest {
  @TempDir Path dir;

  @Test
  void thePackedDotProductEqualsTheByteByByteOneForEveryLengthAndTheExtremes() {
    Random random = new Random(42);
    for (int length = 1; length <= 72; length++) {
      for (int round = 0; round < 50; round++) {
        byte[] a = sevenBit(random, length);
        byte[] b = sevenBit(random, length);
        assertThat(Int7DotScorer.dot(a, Int7DotScorer.pack(b), b))
            .as("length %d", length)
            .isEqualTo(plainDot(a, b));
      }
    }
    byte[] max = new byte[384];
    java.util.Arrays.fill(max, (byte) 127);
    assertThat(Int7DotScorer.dot(max, Int7DotScorer.pack(max), max)).isEqualTo(384 * 127 * 127);
    byte[] zero = new byte[384];
    assertThat(Int7DotScorer.dot(zero, Int7DotScorer.pack(max), max)).isZero();
  }

  @Test
  void theVectorApiDotProductEqualsTheByteByByteOneForEveryLengthAndTheExtremes() {
    Random random = new Random(43);
    for (int length = 1; length <= 144; length++) {
      for (int round = 0; round < 20; round++) {
        byte[] a = sevenBit(random, length);
        byte[] b = sevenBit(random, length);
        assertThat(Int7VectorDot.dot(a, b)).as("length %d", length).isEqualTo(plainDot(a, b));
      }
    }
    byte[] max = new byte[384];
    java.util.Arrays.fill(max, (byte) 127);
    assertThat(Int7VectorDot.dot(max, max)).isEqualTo(384 * 127 * 127);
    assertThat(Int7VectorDot.dot(new byte[384], max)).isZero();
  }

  @Test
  void theTestJvmWithTheVectorModuleTakesTheVectorPathWhereverTheCpuAllowsIt() {
    // surefire starts this JVM with --add-modules jdk.incubator.vector (elavira-vector/pom.xml),
    // so the index test below goes through Int7VectorDot on any AVX2 or wider CPU.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(Int7DotScorer.VECTOR_API).isEqualTo(Int7VectorDot.usable());
  }

  @ParameterizedTest(name = "filter: {0}")
  @ValueSource(
      strings = {
        "none",
        "groups 0-7 (graph walk with accepted ordinals)",
        "group 3 (visit limit, then exact)"
      })
  void anIndexInThisFormatFindsExactlyWhatLucenesOwnFormatFindsWithTheSameScores(String filter)
      throws Exception {
    Random random = new Random(7);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      vectors.add(unit(random, 48));
    }
    Path ours = write(dir.resolve("ours"), new Int7HnswVectorsFormat(16, 100, 1), vectors);
    Path lucene =
        write(
            dir.resolve("lucene"),
            new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, 7, false, null, null),
            vectors);
    Query only =
        filter.startsWith("none")
            ? null
            : filter.startsWith("groups")
                ? IntField.newRangeQuery("group", 0, 7)
                : IntField.newExactQuery("group", 3);
    try (DirectoryReader a = DirectoryReader.open(FSDirectory.open(ours));
        DirectoryReader b = DirectoryReader.open(FSDirectory.open(lucene))) {
      assertThat(a.leaves()).hasSize(1);
      for (int q = 0; q < 40; q++) {
        float[] query = unit(random, 48);
        ScoreDoc[] x =
            new IndexSearcher(a)
                .search(new KnnFloatVectorQuery("v", query, 20, only), 20)
                .scoreDocs;
        ScoreDoc[] y =
            new IndexSearcher(b)
                .search(new KnnFloatVectorQuery("v", query, 20, only), 20)
                .scoreDocs;
        assertThat(x).hasSize(20);
        for (int i = 0; i < x.length; i++) {
          assertThat(x[i].doc).as("query %d, rank %d", q, i).isEqualTo(y[i].doc);
          assertThat(x[i].score).as("query %d, rank %d", q, i).isEqualTo(y[i].score);
          int group =
              a.storedFields().document(x[i].doc).getField("group").numericValue().intValue();
          if (filter.startsWith("groups")) {
            assertThat(group).as("group of query %d, rank %d", q, i).isLessThan(8);
          } else if (filter.startsWith("group ")) {
            assertThat(group).as("group of query %d, rank %d", q, i).isEqualTo(3);
          }
        }
      }
    }
  }

  /**
   * Single-threaded adds and merges with a fixed order: both graphs are built from the same scores,
   * so equal scores give equal graphs and equal results.
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
            .setMaxBufferedDocs(700) // several segments, so that the merge builds with the scorer
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
