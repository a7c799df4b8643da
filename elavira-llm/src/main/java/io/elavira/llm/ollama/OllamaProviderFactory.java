package io.elavira.llm.ollama;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.http.internal.ProviderConfig;
import java.util.Set;

/**
 * Makes {@link OllamaProvider}s for configurations that name {@code "provider": "ollama"}. Options:
 * temperature, maxOutputTokens, numCtx, think, keepAlive, requestTimeout, maxRetries (durations as
 * "PT5M" or seconds). Registered with {@link java.util.ServiceLoader}; stateless.
 */
public final class OllamaProviderFactory implements LlmProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public OllamaProviderFactory() {}

  @Override
  public String name() {
    return OllamaProvider.NAME;
  }

  /** {@inheritDoc} The model is required. */
  @Override
  public LlmProvider create(LlmProviderConfig config) {
    ProviderConfig c =
        new ProviderConfig(
            OllamaProvider.NAME,
            config,
            Set.of(
                "temperature",
                "maxOutputTokens",
                "numCtx",
                "think",
                "keepAlive",
                "requestTimeout",
                "maxRetries"));
    OllamaProvider.Builder b = OllamaProvider.builder();
    c.baseUrl(b::baseUrl);
    c.model(b::model);
    c.apiKey(b::apiKey);
    c.number("temperature", b::temperature);
    c.number("maxOutputTokens", v -> b.maxOutputTokens(v.intValue()));
    c.number("numCtx", v -> b.numCtx(v.intValue()));
    c.bool("think", b::think);
    c.duration("keepAlive", b::keepAlive);
    c.duration("requestTimeout", b::requestTimeout);
    c.number("maxRetries", v -> b.maxRetries(v.intValue()));
    return b.build();
  }
}
