package io.elavira.llm.onnx;

import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelFactory;

/**
 * Makes the bundled all-MiniLM-L6-v2 int8 model for configurations that name {@code
 * "embeddingModel": "all-minilm-l6-v2-q"} ({@link io.elavira.embed.EmbeddingModels}). Registered
 * with {@link java.util.ServiceLoader}; stateless.
 */
public final class OnnxEmbeddingModelFactory implements EmbeddingModelFactory {
  /** For {@link java.util.ServiceLoader}. */
  public OnnxEmbeddingModelFactory() {}

  @Override
  public String name() {
    return OnnxEmbeddingModel.MINILM_MODEL_ID;
  }

  /** {@inheritDoc} Loads the model bundled in the jar (about 0.7 s). */
  @Override
  public EmbeddingModel create() {
    return OnnxEmbeddingModel.allMiniLmL6V2();
  }
}
