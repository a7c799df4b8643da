package io.elavira.bench;

import io.elavira.embed.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedding model that does no inference: a unit vector derived from the text's hash. Ingesting
 * with it costs everything the real run costs except the model (reading, the pipeline, the store,
 * the embedding cache, the vector index), so its CPU per chunk is the part of end-to-end work that
 * competes with the model for the cores.
 */
final class StandInModel implements EmbeddingModel {
  private final int dimension;

  StandInModel(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public String modelId() {
    return "bench-stand-in";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      float[] vector = new float[dimension];
      vector[Math.floorMod(text.hashCode(), dimension)] = 1f;
      vectors.add(vector);
    }
    return vectors;
  }

  @Override
  public void close() {}
}
