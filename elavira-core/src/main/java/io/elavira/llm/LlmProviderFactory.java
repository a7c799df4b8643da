package io.elavira.llm;

/**
 * Makes an {@link LlmProvider} from a configuration, so that a provider named in a config file
 * ({@code "provider": "claude"}) can be found through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations are listed in {@code META-INF/services/io.elavira.llm.LlmProviderFactory} of
 * the module that holds the provider, are stateless and thread-safe, and have a public no-argument
 * constructor. Look one up with {@link LlmProviders}; explicit wiring with the provider's own
 * builder remains the primary path.
 */
public interface LlmProviderFactory {

  /** The name written in configurations, e.g. "ollama"; lower case, unique on the class path. */
  String name();

  /**
   * Builds a provider from {@code config}.
   *
   * @return a new provider, owned (and closed) by the caller
   * @throws IllegalArgumentException when the configuration is incomplete or invalid, naming the
   *     field
   */
  LlmProvider create(LlmProviderConfig config);
}
