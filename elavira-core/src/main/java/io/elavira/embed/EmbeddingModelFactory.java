package io.elavira.embed;

/**
 * Makes an {@link EmbeddingModel} named in a configuration file ({@code "embeddingModel":
 * "all-minilm-l6-v2-q"}), found through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations are listed in {@code META-INF/services/io.elavira.embed.EmbeddingModelFactory}
 * of the module holding the model, are stateless and thread-safe, and have a public no-argument
 * constructor. Look one up with {@link EmbeddingModels}.
 */
public interface EmbeddingModelFactory {

  /** The name written in configurations, lower case, unique on the class path. */
  String name();

  /**
   * Loads the model.
   *
   * @return a new model, owned (and closed) by the caller
   * @throws io.elavira.ElaviraException when the model cannot be loaded
   */
  EmbeddingModel create();
}
