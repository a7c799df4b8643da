package io.elavira.llm.llamacpp;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.http.internal.ProviderConfig;
import java.util.Set;

/**
 * Makes {@link LlamaCppProvider}s for configurations that name {@code "provider": "llamacpp"}.
 * Options: temperature, maxOutputTokens, requestTimeout, maxRetries. Registered with {@link
 * java.util.ServiceLoader}; stateless.
 */
public final class LlamaCppProviderFactory implements LlmProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public LlamaCppProviderFactory() {}

  @Override
  public String name() {
    return LlamaCppProvider.NAME;
  }

  @Override
  public LlmProvider create(LlmProviderConfig config) {
    ProviderConfig c =
        new ProviderConfig(
            LlamaCppProvider.NAME,
            config,
            Set.of("temperature", "maxOutputTokens", "requestTimeout", "maxRetries"));
    LlamaCppProvider.Builder b = LlamaCppProvider.builder();
    c.baseUrl(b::baseUrl);
    c.model(b::model);
    c.apiKey(b::apiKey);
    c.number("temperature", b::temperature);
    c.number("maxOutputTokens", v -> b.maxOutputTokens(v.intValue()));
    c.duration("requestTimeout", b::requestTimeout);
    c.number("maxRetries", v -> b.maxRetries(v.intValue()));
    return b.build();
  }
}
