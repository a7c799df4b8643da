package io.elavira.llm.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviderFactory;
import io.elavira.llm.LlmProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ConsensusProvidersTest {
  /** What each made provider was configured with: "name url model". */
  private final List<String> made = new ArrayList<>();

  private final List<StubWorker> providers = new ArrayList<>();

  private LlmProviderFactory factory(String name) {
    return new LlmProviderFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public LlmProvider create(LlmProviderConfig config) {
        String model = Objects.requireNonNullElse(config.model(), name + "-default");
        made.add(name + " " + config.baseUrl() + " " + model);
        StubWorker w = StubWorker.answeringAs(name, model, "Paris");
        providers.add(w);
        return w;
      }
    };
  }

  private LlmProviders registry() {
    return LlmProviders.of(List.of(factory("ollama"), factory("mistral"), factory("claude")));
  }

  @Test
  void buildsWorkersAndMergerFromTheCommandLineLists() {
    try (ConsensusProvider c =
        ConsensusProviders.fromLists(
            registry(),
            "merger",
            List.of("ollama", "ollama", "mistral"),
            List.of("http://h1:11434", "http://h2:11434", ""),
            List.of("llama3.2", "qwen2.5:7b", "mistral-small"),
            "ollama:llama3.1:8b",
            n -> null)) {
      assertThat(c.strategy()).isEqualTo(ConsensusStrategy.MERGER);
      assertThat(c.workerIds())
          .containsExactly("ollama/llama3.2", "ollama/qwen2.5:7b", "mistral/mistral-small");
      assertThat(made)
          .containsExactly(
              "ollama http://h1:11434 llama3.2",
              "ollama http://h2:11434 qwen2.5:7b",
              "mistral null mistral-small",
              "ollama http://h1:11434 llama3.1:8b");
      assertThat(c.chat(ChatRequest.of(List.of(ChatMessage.user("?")))).workerAnswers()).hasSize(3);
    }
    assertThat(providers).allMatch(StubWorker::isClosed);
  }

  @Test
  void bestOfTakesTheMergerAsItsScorerAndMajorityNeedsNone() {
    try (ConsensusProvider c =
        ConsensusProviders.fromLists(
            registry(),
            "best_of",
            List.of("ollama", "mistral"),
            List.of(),
            List.of(),
            "claude",
            n -> null)) {
      assertThat(c.toString()).contains("scorer=claude/claude-default");
    }
    try (ConsensusProvider c =
        ConsensusProviders.fromLists(
            registry(),
            "weighted",
            List.of("ollama", "mistral"),
            List.of(),
            List.of(),
            null,
            n -> null)) {
      assertThat(c.weights().snapshot())
          .containsOnlyKeys("ollama/ollama-default", "mistral/mistral-default");
    }
  }

  @Test
  void rejectsWhatDoesNotFitNamingTheOptionAndClosesWhatItMade() {
    assertThatThrownBy(
            () ->
                ConsensusProviders.fromLists(
                    registry(), "merger", List.of("ollama"), List.of(), List.of(), null, n -> null))
        .hasMessageContaining("--merger");
    assertThatThrownBy(
            () ->
                ConsensusProviders.fromLists(
                    registry(),
                    "majority",
                    List.of("ollama"),
                    List.of(),
                    List.of(),
                    "claude",
                    n -> null))
        .hasMessageContaining("--merger is not used");
    assertThatThrownBy(
            () ->
                ConsensusProviders.fromLists(
                    registry(),
                    "majority",
                    List.of("ollama", "mistral", "claude"),
                    List.of("u1", "u2"),
                    List.of(),
                    null,
                    n -> null))
        .hasMessageContaining("--llm-url lists 2 values for 3");
    assertThatThrownBy(
            () ->
                ConsensusProviders.fromLists(
                    registry(),
                    "merger",
                    List.of("ollama", "mistral"),
                    List.of(),
                    List.of(),
                    "nope",
                    n -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(providers).isNotEmpty().allMatch(StubWorker::isClosed);
  }
}
