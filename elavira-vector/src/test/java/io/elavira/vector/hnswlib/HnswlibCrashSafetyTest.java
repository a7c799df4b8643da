package io.elavira.vector.hnswlib;

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

/**
 * A child JVM writing the store is killed (SIGKILL) mid-write; the store must always open with
 * every acknowledged batch. The child writes a snapshot as soon as its change log outgrows half the
 * snapshot (every few batches), so kills land in log appends, graph updates and snapshot writes.
 */
class HnswlibCrashSafetyTest {
  static final int DIMENSION = 32;
  static final int BATCH = 500;

  @TempDir Path dir;

  @Test
  void aStoreKilledWhileBeingWrittenOpensWithEveryAcknowledgedBatch() throws Exception {
    Path store = dir.resolve("vectors");
    int lastAcknowledged = 0;
    for (int round = 0; round < 3; round++) {
      int acknowledged = KilledWriter.runAndKill(Writer.class, 3 + round * 4, store.toString());
      lastAcknowledged = Math.max(lastAcknowledged, acknowledged);

      try (HnswlibVectorStore reopened = HnswlibVectorStore.builder(store, DIMENSION).build()) {
        assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
        int count = reopened.count(Filter.all());
        assertThat(count % BATCH).as("a batch is written whole or not at all").isZero();
        assertThat(count).isGreaterThanOrEqualTo(acknowledged);
        assertThat(reopened.search(SearchRequest.of(vector(new Random(7)), 5, Filter.all())))
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

  /** The child: writes batches forever, acknowledging the count after each write returns. */
  public static final class Writer {
    private Writer() {}

    /**
     * Entry point of the child JVM.
     *
     * @param args the store directory
     */
    public static void main(String[] args) {
      HnswlibVectorStore store =
          HnswlibVectorStore.builder(Path.of(args[0]), DIMENSION).snapshotAfterLogBytes(1).build();
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
