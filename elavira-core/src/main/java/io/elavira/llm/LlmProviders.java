package io.elavira.llm;

import io.elavira.internal.NamedFactories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds the {@link LlmProviderFactory} for a provider name written in a configuration file.
 *
 * <pre>{@code
 * LlmProvider llm = LlmProviders.load().create("claude", LlmProviderConfig.of(null, null, null));
 * }</pre>
 *
 * <p>A name with no factory on the class path fails with a message naming the Maven artifact to
 * add; a name served by two factories fails too, rather than picking one silently. Immutable and
 * thread-safe once made.
 */
public final class LlmProviders {
  /** The artifact that holds each provider shipped with Elavira. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "ollama", "io.elavira:elavira-llm",
          "llamacpp", "io.elavira:elavira-llm",
          "openai", "io.elavira:elavira-llm",
          "mistral", "io.elavira:elavira-llm",
          "claude", "io.elavira:elavira-llm");

  private final NamedFactories<LlmProviderFactory> factories;

  private LlmProviders(List<LlmProviderFactory> factories) {
    this.factories =
        new NamedFactories<>(factories, LlmProviderFactory::name, "LLM provider", ARTIFACTS);
  }

  /** The factories registered with {@link ServiceLoader} on the context class loader. */
  public static LlmProviders load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader == null ? LlmProviders.class.getClassLoader() : loader);
  }

  /** The factories registered with {@link ServiceLoader} on {@code loader}. */
  public static LlmProviders load(ClassLoader loader) {
    List<LlmProviderFactory> found = new ArrayList<>();
    ServiceLoader.load(LlmProviderFactory.class, loader).forEach(found::add);
    return new LlmProviders(found);
  }

  /** Exactly these factories (tests, or a host that wires its own). */
  public static LlmProviders of(List<LlmProviderFactory> factories) {
    return new LlmProviders(factories);
  }

  /** The provider names available, sorted. */
  public List<String> names() {
    return factories.names();
  }

  /**
   * The factory for {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException when no factory has that name (naming the artifact to add when
   *     it is a known provider), or when two do
   */
  public LlmProviderFactory factory(String name) {
    return factories.find(name);
  }

  /**
   * Builds the provider named {@code name} from {@code config}.
   *
   * @throws IllegalArgumentException as {@link #factory(String)} does, or when the configuration is
   *     invalid
   */
  public LlmProvider create(String name, LlmProviderConfig config) {
    return factory(name).create(Objects.requireNonNull(config, "config"));
  }
}
