package io.elavira.ingest;

import io.elavira.ElaviraAgent;
import io.elavira.embed.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingests one file (args: the path, the agent's home) with the default pipeline into a real {@link
 * ElaviraAgent} (SQLite home, in-memory vectors) and prints "ok &lt;chunks&gt; largest-call
 * &lt;texts&gt;" or the failure: run in a child JVM by {@link BoundedHeapTest} with a small heap.
 *
 * <p>Its embedding model is a stand-in shaped like the real one in memory: like {@code
 * OnnxEmbeddingModel}, it encodes every text of a call before computing any vector (two arrays of
 * 256 longs per text, the word-piece ids and type ids) and returns 384 floats per text.
 */
final class AgentBigFileProbe {
  private AgentBigFileProbe() {}

  public static void main(String[] args) {
    AtomicInteger largestCall = new AtomicInteger();
    EmbeddingModel model =
        new EmbeddingModel() {
          @Override
          public String modelId() {
            return "model-shaped-stand-in";
          }

          @Override
          public int dimension() {
            return 384;
          }

          @Override
          public List<float[]> embedAll(List<String> texts) {
            largestCall.accumulateAndGet(texts.size(), Math::max);
            List<long[][]> encodings = new ArrayList<>(texts.size());
            for (String text : texts) {
              long[][] encoding = new long[2][256];
              encoding[0][0] = text.hashCode();
              encodings.add(encoding);
            }
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (long[][] encoding : encodings) {
              float[] vector = new float[384];
              vector[(int) Math.floorMod(encoding[0][0], 384L)] = 1;
              vectors.add(vector);
            }
            return vectors;
          }
        };
    try (ElaviraAgent agent =
        ElaviraAgent.builder().home(Path.of(args[1])).embeddings(model).build()) {
      IngestReport report =
          IngestionPipeline.builder().indexer(agent).build().ingest(List.of(Path.of(args[0])));
      FileOutcome outcome = report.outcomes().get(0);
      if (!outcome.succeeded()) {
        System.out.println(
            "failed " + Objects.requireNonNull(outcome.error()).reason() + ": " + outcome.error());
        System.exit(2);
      }
      System.out.println(
          "ok "
              + Objects.requireNonNull(outcome.result()).chunks()
              + " largest-call "
              + largestCall.get());
    }
  }
}
