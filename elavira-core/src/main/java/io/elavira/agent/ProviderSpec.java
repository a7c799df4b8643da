package io.elavira.agent;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One language model of an agent's chain or consensus: a provider name resolved through {@link
 * io.elavira.llm.LlmProviders} ({@code "ollama"}, {@code "llamacpp"}, {@code "openai"}, {@code
 * "mistral"}, {@code "claude"}) and its settings. The API key is never here: {@code apiKeyEnv}
 * names the environment variable holding it.
 *
 * @param name the provider's name, lower case
 * @param model the model, or null for the provider's default
 * @param baseUrl the server's address, or null for the provider's default
 * @param apiKeyEnv the environment variable holding the API key, or null for the provider's usual
 *     one; an upper-case variable name, never the key itself
 * @param remote whether the model runs on someone else's machine (data leaves the host): allowed
 *     only when the agent's {@code remoteAllowed} is true
 */
public record ProviderSpec(
    String name,
    @Nullable String model,
    @Nullable String baseUrl,
    @Nullable String apiKeyEnv,
    boolean remote) {

  /** The providers that are remote unless a configuration says otherwise. */
  public static final Set<String> REMOTE_BY_DEFAULT = Set.of("openai", "mistral", "claude");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /**
   * Validates the name and the variable name.
   *
   * @throws IllegalArgumentException when the name is blank, or {@code apiKeyEnv} is not an
   *     environment-variable name (a key pasted there is refused)
   */
  public ProviderSpec(
      String name,
      @Nullable String model,
      @Nullable String baseUrl,
      @Nullable String apiKeyEnv,
      boolean remote) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a provider's name must not be blank");
    }
    if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
      throw new IllegalArgumentException(
          "apiKeyEnv of provider '"
              + name
              + "' must name an environment variable (e.g. OPENAI_API_KEY), not hold a key: put"
              + " the key in that variable");
    }
    this.name = name.trim().toLowerCase(Locale.ROOT);
    this.model = model;
    this.baseUrl = baseUrl;
    this.apiKeyEnv = apiKeyEnv;
    this.remote = remote;
  }

  /** A provider with its defaults, remote when its name is in {@link #REMOTE_BY_DEFAULT}. */
  public static ProviderSpec of(String name, @Nullable String model) {
    return new ProviderSpec(
        name, model, null, null, REMOTE_BY_DEFAULT.contains(name.trim().toLowerCase(Locale.ROOT)));
  }

  /** {@code name} or {@code name:model}, for traces and listings. */
  public String label() {
    return model == null ? name : name + ":" + model;
  }
}
