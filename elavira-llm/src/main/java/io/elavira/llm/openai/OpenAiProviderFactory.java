package io.elavira.llm.openai;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.http.internal.ProviderConfig;
import java.util.Set;

/**
 * Makes {@link OpenAiProvider}s for configurations that name {@code "provider": "openai"} (also for
 * compatible servers: set baseUrl, apiKeyEnv and the option name). Options: name, organization,
 * project, temperature, maxOutputTokens, requestTimeout, maxRetries. Registered with {@link
 * java.util.ServiceLoader}; stateless.
 */
public final class OpenAiProviderFactory implements LlmProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public OpenAiProviderFactory() {}

  @Override
  public String name() {
    return OpenAiProvider.NAME;
  }

  /** {@inheritDoc} The model is required. */
  @Override
  public LlmProvider create(LlmProviderConfig config) {
    ProviderConfig c =
        new ProviderConfig(
            OpenAiProvider.NAME,
            config,
            Set.of(
                "name",
                "organization",
                "project",
                "temperature",
                "maxOutputTokens",
                "requestTimeout",
                "maxRetries"));
    OpenAiProvider.Builder b = OpenAiProvider.builder().environment(c::env);
    c.baseUrl(b::baseUrl);
    c.model(b::model);
    c.apiKey(b::apiKey);
    if (c.option("name") != null) {
      b.name(c.option("name"));
    }
    if (c.option("organization") != null) {
      b.organization(c.option("organization"));
    }
    if (c.option("project") != null) {
      b.project(c.option("project"));
    }
    c.number("temperature", b::temperature);
    c.number("maxOutputTokens", v -> b.maxOutputTokens(v.intValue()));
    c.duration("requestTimeout", b::requestTimeout);
    c.number("maxRetries", v -> b.maxRetries(v.intValue()));
    return b.build();
  }
}
