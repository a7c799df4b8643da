package io.elavira.llm.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviders;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackChainsTest {
  @Test
  void buildsTheChainInTheOrderGivenWithOneModelForAll() {
    try (FallbackProvider chain =
        FallbackChains.fromLists(
            LlmProviders.load(),
            List.of("ollama", "llamacpp"),
            List.of("http://127.0.0.1:11434", "http://127.0.0.1:8080"),
            List.of("qwen2.5:0.5b"),
            n -> null)) {
      assertThat(chain.providers())
          .extracting(LlmProvider::name)
          .containsExactly("ollama", "llamacpp");
      assertThat(chain.providers())
          .extracting(LlmProvider::defaultModel)
          .containsExactly("qwen2.5:0.5b", "qwen2.5:0.5b");
    }
  }

  @Test
  void rejectsListsOfTheWrongLengthNamingTheOption() {
    assertThatThrownBy(
            () ->
                FallbackChains.fromLists(
                    LlmProviders.load(),
                    List.of("ollama", "llamacpp", "mistral"),
                    List.of("http://a", "http://b"),
                    List.of("m"),
                    n -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--llm-url")
        .hasMessageContaining("3 providers");
  }

  @Test
  void anUnknownProviderNamesWhatIsAvailable() {
    assertThatThrownBy(
            () ->
                FallbackChains.fromLists(
                    LlmProviders.load(),
                    List.of("ollama", "gemini"),
                    List.of(),
                    List.of("m"),
                    n -> null))
        .hasMessageContaining("gemini")
        .hasMessageContaining("ollama");
  }
}
