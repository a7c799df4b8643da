package io.elavira.llm.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviders;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Every provider of elavira-llm is reachable by the name a config file gives it. */
class ProviderFactoriesTest {
  private static final Map<String, String> ENV =
      Map.of("MY_KEY", "sk-config-0123456789abcdef", "ANTHROPIC_API_KEY", "sk-ant-0123456789abc");

  private static LlmProviderConfig config(
      @Nullable String baseUrl,
      @Nullable String model,
      @Nullable String keyEnv,
      Map<String, String> options) {
    return new LlmProviderConfig(baseUrl, model, keyEnv, options, ENV::get);
  }

  @Test
  void findsEveryProviderByName() {
    assertThat(LlmProviders.load().names())
        .containsExactly("claude", "llamacpp", "mistral", "ollama", "openai");
  }

  @Test
  void buildsEachProviderFromItsConfiguration() {
    LlmProviders providers = LlmProviders.load();
    try (LlmProvider p =
        providers.create(
            "ollama",
            config(
                "http://127.0.0.1:11434",
                "llama3.2",
                null,
                Map.of("keepAlive", "PT10M", "numCtx", "4096")))) {
      assertThat(p.name()).isEqualTo("ollama");
      assertThat(p.defaultModel()).isEqualTo("llama3.2");
    }
    try (LlmProvider p =
        providers.create(
            "openai",
            config("http://127.0.0.1:1234/v1", "qwen", "MY_KEY", Map.of("name", "lmstudio")))) {
      assertThat(p.name()).isEqualTo("lmstudio");
      assertThat(p.toString()).doesNotContain("sk-config");
    }
    try (LlmProvider p =
        providers.create("claude", config(null, "claude-sonnet-4-5", null, Map.of()))) {
      assertThat(p.name()).isEqualTo("claude");
    }
    try (LlmProvider p = providers.create("llamacpp", config(null, null, null, Map.of()))) {
      assertThat(p.defaultModel()).isEqualTo("default");
    }
  }

  @Test
  void rejectsAnUnknownOptionOrAMissingKeyVariableNamingIt() {
    LlmProviders providers = LlmProviders.load();
    assertThatThrownBy(
            () -> providers.create("ollama", config(null, "m", null, Map.of("temprature", "0.2"))))
        .hasMessageContaining("temprature")
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> providers.create("mistral", config(null, "m", "NOT_SET", Map.of())))
        .hasMessageContaining("NOT_SET");
  }
}
