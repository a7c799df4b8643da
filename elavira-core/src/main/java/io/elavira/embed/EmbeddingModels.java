package io.elavira.embed;

import io.elavira.internal.NamedFactories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link EmbeddingModelFactory} for a model name written in a configuration file, as
 * {@link io.elavira.llm.LlmProviders} does for language models: a name with no factory on the class
 * path fails with a message naming the Maven artifact to add, a name served twice fails too.
 * Immutable and thread-safe.
 */
public final class EmbeddingModels {
  /** The artifact that holds each model shipped with Elavira. */
  private static final Map<String, String> ARTIFACTS =
      Map.of("all-minilm-l6-v2-q", "io.elavira:elavira-llm");

  private final NamedFactories<EmbeddingModelFactory> factories;

  private EmbeddingModels(List<EmbeddingModelFactory> factories) {
    this.factories =
        new NamedFactories<>(factories, EmbeddingModelFactory::name, "embedding model", ARTIFACTS);
  }

  /** The factories registered with {@link ServiceLoader} on the context class loader. */
  public static EmbeddingModels load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader == null ? EmbeddingModels.class.getClassLoader() : loader);
  }

  /** The factories registered with {@link ServiceLoader} on {@code loader}. */
  public static EmbeddingModels load(ClassLoader loader) {
    List<EmbeddingModelFactory> found = new ArrayList<>();
    ServiceLoader.load(EmbeddingModelFactory.class, loader).forEach(found::add);
    return new EmbeddingModels(found);
  }

  /** Exactly these factories (tests, or a host that wires its own). */
  public static EmbeddingModels of(List<EmbeddingModelFactory> factories) {
    return new EmbeddingModels(factories);
  }

  /** The model names available, sorted. */
  public List<String> names() {
    return factories.names();
  }

  /**
   * The factory for {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException when no factory has that name (naming the artifact to add when
   *     it is a known model), or when two do
   */
  public EmbeddingModelFactory factory(String name) {
    return factories.find(name);
  }

  /**
   * Loads the model named {@code name}.
   *
   * @throws IllegalArgumentException as {@link #factory(String)} does
   */
  public EmbeddingModel create(String name) {
    return factory(name).create();
  }
}
