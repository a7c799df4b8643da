package io.elavira.llm.mistral;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.http.internal.ProviderConfig;
import java.util.Set;

/**
 * Makes {@link MistralProvider}s for configurations that name {@code "provider": "mistral"}.
 * Options: safePrompt, temperature, maxOutputTokens, requestTimeout, maxRetries. Registered with
 * {@link java.util.ServiceLoader}; stateless.
 */
public final class MistralProviderFactory implements LlmProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public MistralProviderFactory() {}

  @Override
  public String name() {
    return MistralProvider.NAME;
  }

  /** {@inheritDoc} The model is required. */
  @Override
  public LlmProvider create(LlmProviderConfig config) {
    ProviderConfig c =
        new ProviderConfig(
            MistralProvider.NAME,
            config,
            Set.of("safePrompt", "temperature", "maxOutputTokens", "requestTimeout", "maxRetries"));
    MistralProvider.Builder b = MistralProvider.builder().environment(c::env);
    c.baseUrl(b::baseUrl);
    c.model(b::model);
    c.apiKey(b::apiKey);
    c.bool("safePrompt", b::safePrompt);
    c.number("temperature", b::temperature);
    c.number("maxOutputTokens", v -> b.maxOutputTokens(v.intValue()));
    c.duration("requestTimeout", b::requestTimeout);
    c.number("maxRetries", v -> b.maxRetries(v.intValue()));
    return b.build();
  }
}
