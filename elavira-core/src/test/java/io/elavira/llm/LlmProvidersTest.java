package io.elavira.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmProvidersTest {
  private static LlmProviderFactory factory(String name, LlmProvider provider) {
    return new LlmProviderFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public LlmProvider create(LlmProviderConfig config) {
        return provider;
      }
    };
  }

  private static LlmProvider stub() {
    return new LlmProvider() {
      @Override
      public String name() {
        return "stub";
      }

      @Override
      public String defaultModel() {
        return "m";
      }

      @Override
      public ChatResponse chat(ChatRequest request) {
        return ChatResponse.of("", "m", TokenUsage.NONE, null);
      }

      @Override
      public ChatResponse stream(
          ChatRequest request, TokenListener listener, Cancellation cancellation) {
        return chat(request);
      }

      @Override
      public Health health() {
        return Health.up("ok");
      }
    };
  }

  private static final LlmProviderConfig CONFIG =
      new LlmProviderConfig(null, "m", null, Map.of(), name -> null);

  @Test
  void findsTheFactoryByItsNameIgnoringCase() {
    LlmProvider scripted = stub();
    LlmProviders providers = LlmProviders.of(List.of(factory("ollama", scripted)));
    assertThat(providers.create("Ollama", CONFIG)).isSameAs(scripted);
    assertThat(providers.names()).containsExactly("ollama");
  }

  @Test
  void aKnownProviderWhoseModuleIsMissingNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> LlmProviders.of(List.of()).factory("claude"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claude")
        .hasMessageContaining("io.elavira:elavira-llm");
  }

  @Test
  void anUnknownNameListsWhatIsAvailable() {
    LlmProviders providers = LlmProviders.of(List.of(factory("ollama", stub())));
    assertThatThrownBy(() -> providers.factory("gpt5"))
        .hasMessageContaining("gpt5")
        .hasMessageContaining("[ollama]");
  }

  @Test
  void twoFactoriesWithTheSameNameFail() {
    LlmProvider p = stub();
    LlmProviders providers = LlmProviders.of(List.of(factory("ollama", p), factory("ollama", p)));
    assertThatThrownBy(() -> providers.factory("ollama"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two");
  }

  @Test
  void theConfigPrintsNoSecret() {
    LlmProviderConfig config =
        new LlmProviderConfig(
            "https://user:pw@host", "m", "KEY", Map.of("o", "secret"), n -> "sk-secret");
    assertThat(config.toString()).doesNotContain("pw").doesNotContain("secret");
    assertThat(config.env("KEY")).isEqualTo("sk-secret");
  }
}
