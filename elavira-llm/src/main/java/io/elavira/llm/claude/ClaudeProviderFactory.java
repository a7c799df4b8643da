package io.elavira.llm.claude;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.http.internal.ProviderConfig;
import java.util.Set;

/**
 * Makes {@link ClaudeProvider}s for configurations that name {@code "provider": "claude"}. Options:
 * temperature, maxOutputTokens, requestTimeout, maxRetries. Registered with {@link
 * java.util.ServiceLoader}; stateless.
 */
public final class ClaudeProviderFactory implements LlmProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public ClaudeProviderFactory() {}

  @Override
  public String name() {
    return ClaudeProvider.NAME;
  }

  /** {@inheritDoc} The model is required. */
  @Override
  public LlmProvider create(LlmProviderConfig config) {
    ProviderConfig c =
        new ProviderConfig(
            ClaudeProvider.NAME,
            config,
            Set.of("temperature", "maxOutputTokens", "requestTimeout", "maxRetries"));
    ClaudeProvider.Builder b = ClaudeProvider.builder().environment(c::env);
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
