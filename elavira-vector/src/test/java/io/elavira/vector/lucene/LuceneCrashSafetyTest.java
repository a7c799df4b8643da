package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.KilledWriter;
import io.elavira.vector.stores.OpenState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM writing the index is killed (SIGKILL) mid-write; the index must always open. */
class LuceneCrashSafetyTest {
  static final int DIMENSION = 64;
  static final int BATCH = 2000;

  @TempDir Path dir;

  @Test
  void anIndexKilledWhileBeingWrittenOpensWithExactlyItsCommittedBatches() throws Exception {
    Path index = dir.resolve("vectors");
    int lastAcknowledged = 0;
    // Kill at different moments: the writer never pauses, so each kill lands inside some
    // batch's indexing, flush, merge or commit.
    for (int round = 0; round < 3; round++) {
      int acknowledged = KilledWriter.runAndKill(Writer.class, 2 + round * 2, index.toString());
      lastAcknowledged = Math.max(lastAcknowledged, acknowledged);

      try (LuceneVectorStore store = LuceneVectorStore.builder(index, DIMENSION).build()) {
        assertThat(store.openState()).isEqualTo(OpenState.OPENED);
        int count = store.count(Filter.all());
        assertThat(count % BATCH).as("a batch is committed whole or not at all").isZero();
        assertThat(count).isGreaterThanOrEqualTo(acknowledged);
        assertThat(store.search(SearchRequest.of(vector(new Random(7)), 5, Filter.all())))
            .hasSize(5);
      }
    }
    assertThat(lastAcknowledged).isPositive();
  }

  static float[] vector(Random random) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The child: writes batches forever, printing the count after each commit returns. */
  public static final class Writer {
    private Writer() {}

    /**
     * Entry point of the child JVM.
     *
     * @param args the index directory
     */
    public static void main(String[] args) {
      LuceneVectorStore store = LuceneVectorStore.builder(Path.of(args[0]), DIMENSION).build();
      Random random = new Random();
      int next = store.count(Filter.all());
      while (true) {
        List<VectorRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          batch.add(new VectorRecord("r" + next++, vector(random), Map.of("agent_id", "a")));
        }
        store.upsert(batch);
        KilledWriter.acknowledge(store.count(Filter.all()));
      }
    }
  }
}
