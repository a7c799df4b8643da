package io.elavira.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelContract;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderContract;
import io.elavira.llm.stub.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The llama.cpp provider and embedding model against a real {@code llama-server} serving the tiny
 * random-weight model of {@code .ci/llama-server.sh} (gibberish, but deterministic at temperature
 * 0). The server's URL comes from {@code ELAVIRA_LLAMACPP_URL}; without it the tests are skipped,
 * except under {@code CI=true}, where they fail.
 */
@Tag("integration")
class LlamaCppServerIT {

  /** The server's URL, or a skip (a failure under CI=true) when none is given. */
  static String serverUrl() {
    String url = System.getenv("ELAVIRA_LLAMACPP_URL");
    if (url == null || url.isBlank()) {
      String message =
          "ELAVIRA_LLAMACPP_URL is not set: start a server with `.ci/llama-server.sh start ENV_FILE`"
              + " and export the variables it writes";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (required under CI=true)");
      }
      Assumptions.abort(message);
    }
    return url;
  }

  static LlamaCppProvider.Builder builder() {
    return LlamaCppProvider.builder()
        .baseUrl(serverUrl())
        .temperature(0)
        .maxOutputTokens(12)
        .requestTimeout(Duration.ofSeconds(60));
  }

  /** The shared provider contract, with the text the server answers at temperature 0. */
  @Nested
  class Contract extends LlmProviderContract {
    private String expected;

    @BeforeEach
    void learnTheAnswer() {
      try (LlamaCppProvider p = builder().build()) {
        p.awaitReady(Duration.ofSeconds(60));
        expected =
            p.chat(
                    ChatRequest.of(
                        List.of(
                            ChatMessage.system("Answer briefly."),
                            ChatMessage.user("Bonjour, ça va ?"))))
                .text();
      }
    }

    @Override
    protected LlmProvider createProvider() {
      return builder().build();
    }

    @Override
    protected LlmProvider createUnreachableProvider() {
      return LlamaCppProvider.builder().baseUrl("http://127.0.0.1:" + Ports.closedPort()).build();
    }

    @Override
    protected String expectedText() {
      return expected;
    }
  }

  @Test
  void answersTheSameAtTemperatureZeroAndStreamsWhatItAnswers() {
    try (LlamaCppProvider p = builder().build()) {
      p.awaitReady(Duration.ofSeconds(60));
      ChatRequest q = ChatRequest.of(List.of(ChatMessage.user("Quelle est la capitale ?")));
      ChatResponse first = p.chat(q);
      assertThat(p.chat(q).text()).isEqualTo(first.text());
      assertThat(first.usage().inputTokens()).isPositive();
      assertThat(first.usage().outputTokens()).isPositive();
      List<String> tokens = new ArrayList<>();
      ChatResponse streamed = p.stream(q, tokens::add, new Cancellation());
      assertThat(String.join("", tokens)).isEqualTo(streamed.text()).isEqualTo(first.text());
      assertThat(streamed.usage().outputTokens()).isPositive();
    }
  }

  @Test
  void reportsHealthAndItsModel() {
    try (LlamaCppProvider p = builder().build()) {
      p.awaitReady(Duration.ofSeconds(60));
      assertThat(p.health().available()).isTrue();
      assertThat(p.models()).hasSize(1);
    }
  }

  /** The embedding contract against /v1/embeddings of the same server. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Embeddings extends EmbeddingModelContract {
    private @Nullable LlamaCppEmbeddingModel model;

    @BeforeAll
    void open() {
      model = LlamaCppEmbeddingModel.builder().baseUrl(serverUrl()).model("tiny-random").build();
    }

    @AfterAll
    void close() {
      if (model != null) {
        model.close();
      }
    }

    @Override
    protected EmbeddingModel model() {
      return Objects.requireNonNull(model, "opened in @BeforeAll");
    }
  }
}
