package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
      int acknowledged = runWriterAndKill(index, 2 + round * 2);
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

  /** Starts a writer, waits until it acknowledged {@code commits} commits, kills it. */
  private int runWriterAndKill(Path index, int commits) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                index.toString())
            .redirectErrorStream(true)
            .start();
    int acknowledged = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while (seen < commits && (line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          acknowledged = Integer.parseInt(line.substring("committed ".length()));
          seen++;
        }
      }
      assertThat(seen).as("writer output before it died").isEqualTo(commits);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    return acknowledged;
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
        System.out.println("committed " + store.count(Filter.all()));
        System.out.flush();
      }
    }
  }
}
