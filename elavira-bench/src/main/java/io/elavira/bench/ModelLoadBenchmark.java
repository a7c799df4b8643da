package io.elavira.bench;

import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Time to load the bundled all-MiniLM-L6-v2 int8 model (read, session, first embedding). */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelLoadBenchmark {

  /** Loads the model, embeds one sentence, closes it. */
  @Benchmark
  public float[] loadEmbedClose() {
    try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2()) {
      return model.embed("Comment annuler ma réservation ?");
    }
  }
}
