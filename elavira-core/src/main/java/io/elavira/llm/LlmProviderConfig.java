package io.elavira.llm;

import io.elavira.guard.SecretMasker;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings a configuration file gives a provider, handed to {@link LlmProviderFactory#create}.
 *
 * <p>Secrets are never part of it: {@code apiKeyEnv} names the environment variable that holds the
 * key, and {@code environment} reads it (the process environment by default, a map in tests).
 *
 * @param baseUrl the server's address, or null for the provider's default
 * @param model the default model, or null for the provider's default (some providers require one)
 * @param apiKeyEnv the environment variable holding the API key, or null for the provider's usual
 *     one (e.g. {@code OPENAI_API_KEY})
 * @param options provider-specific options by name (e.g. {@code "keepAlive": "5m"}), as text
 * @param environment reads an environment variable; returns null when unset
 */
public record LlmProviderConfig(
    @Nullable String baseUrl,
    @Nullable String model,
    @Nullable String apiKeyEnv,
    Map<String, String> options,
    Function<String, @Nullable String> environment) {

  /**
   * Copies the options. (Written out rather than compact: on JDK 17 the nullness of the components
   * does not reach an implicit constructor's parameters.)
   */
  public LlmProviderConfig(
      @Nullable String baseUrl,
      @Nullable String model,
      @Nullable String apiKeyEnv,
      Map<String, String> options,
      Function<String, @Nullable String> environment) {
    this.baseUrl = baseUrl;
    this.model = model;
    this.apiKeyEnv = apiKeyEnv;
    this.options = Map.copyOf(Objects.requireNonNull(options, "options"));
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** A configuration reading the process environment, with no provider-specific options. */
  public static LlmProviderConfig of(
      @Nullable String baseUrl, @Nullable String model, @Nullable String apiKeyEnv) {
    return new LlmProviderConfig(baseUrl, model, apiKeyEnv, Map.of(), System::getenv);
  }

  /** The value of an environment variable, or null when unset or blank. */
  public @Nullable String env(String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Does not print the environment (it holds secrets) nor option values. */
  @Override
  public String toString() {
    return "LlmProviderConfig[baseUrl="
        + (baseUrl == null ? null : SecretMasker.maskUrl(baseUrl))
        + ", model="
        + model
        + ", apiKeyEnv="
        + apiKeyEnv
        + ", options="
        + options.keySet()
        + "]";
  }
}
