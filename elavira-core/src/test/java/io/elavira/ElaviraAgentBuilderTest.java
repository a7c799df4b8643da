package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElaviraAgentBuilderTest {
  @TempDir Path home;

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("home(null)", (Consumer<ElaviraAgentBuilder>) b -> b.home(null)),
        Arguments.of("agentId(' ')", (Consumer<ElaviraAgentBuilder>) b -> b.agentId(" ")),
        Arguments.of("embeddings(null)", (Consumer<ElaviraAgentBuilder>) b -> b.embeddings(null)),
        Arguments.of("vectors(null)", (Consumer<ElaviraAgentBuilder>) b -> b.vectors(null)),
        Arguments.of("llm(null)", (Consumer<ElaviraAgentBuilder>) b -> b.llm(null)),
        Arguments.of(
            "systemPrompt(blank)", (Consumer<ElaviraAgentBuilder>) b -> b.systemPrompt("")),
        Arguments.of("topK(0)", (Consumer<ElaviraAgentBuilder>) b -> b.topK(0)),
        Arguments.of("minScore(1.5)", (Consumer<ElaviraAgentBuilder>) b -> b.minScore(1.5)),
        Arguments.of("minScore(NaN)", (Consumer<ElaviraAgentBuilder>) b -> b.minScore(Double.NaN)),
        Arguments.of("contextTokens(-1)", (Consumer<ElaviraAgentBuilder>) b -> b.contextTokens(-1)),
        Arguments.of(
            "tokenCounter(null)", (Consumer<ElaviraAgentBuilder>) b -> b.tokenCounter(null)),
        Arguments.of(
            "memoryMessages(-1)", (Consumer<ElaviraAgentBuilder>) b -> b.memoryMessages(-1)),
        Arguments.of("memoryTokens(-5)", (Consumer<ElaviraAgentBuilder>) b -> b.memoryTokens(-5)),
        Arguments.of(
            "maxQuestionChars(0)", (Consumer<ElaviraAgentBuilder>) b -> b.maxQuestionChars(0)),
        Arguments.of("executor(null)", (Consumer<ElaviraAgentBuilder>) b -> b.executor(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void rejectsABadValueAtOnceNamingTheSetterAndTheValue(
      String call, Consumer<ElaviraAgentBuilder> setter) {
    String name = call.substring(0, call.indexOf('('));
    String value = call.substring(call.indexOf('(') + 1, call.length() - 1);

    assertThatThrownBy(() -> setter.accept(ElaviraAgent.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("." + name + "(")
        .satisfies(
            e -> {
              if (value.matches("-?[0-9.]+|NaN")) {
                assertThat(e.getMessage()).contains(value);
              }
            });
  }

  @Test
  void requiresHomeAndEmbeddings() {
    assertThatThrownBy(() -> ElaviraAgent.builder().embeddings(new FakeEmbeddingModel()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("home");
    assertThatThrownBy(() -> ElaviraAgent.builder().home(home).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embeddings");
  }

  @Test
  void createsTheDatabaseInTheHomeAndAppliesDefaults() {
    try (ElaviraAgent agent =
        ElaviraAgent.builder()
            .home(home.resolve("nested"))
            .embeddings(new FakeEmbeddingModel())
            .build()) {
      assertThat(agent.agentId()).isEqualTo("default");
      assertThat(home.resolve("nested").resolve("elavira.db")).exists();
      assertThat(agent.listDocuments()).isEmpty();
    }
  }
}
