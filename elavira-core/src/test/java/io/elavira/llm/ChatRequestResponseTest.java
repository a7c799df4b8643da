package io.elavira.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestResponseTest {
  private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.user("secret question"));

  @Test
  void theClassicFactoryKeepsTheFourOptions() {
    ChatRequest r = ChatRequest.of(MESSAGES, "m", 0.5, 12);
    assertThat(r.messages()).isEqualTo(MESSAGES);
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.temperature()).isEqualTo(0.5);
    assertThat(r.maxOutputTokens()).isEqualTo(12);
    assertThat(r.seed()).isNull();
    assertThat(r.stopSequences()).isEmpty();
    assertThat(r.jsonSchema()).isNull();
    assertThat(r)
        .isEqualTo(
            ChatRequest.builder(MESSAGES).model("m").temperature(0.5).maxOutputTokens(12).build());
  }

  @Test
  void theBuilderCarriesSeedStopsAndSchema() {
    JsonSchema schema = new JsonSchema("person", "{\"type\":\"object\"}");
    ChatRequest r =
        ChatRequest.builder(MESSAGES)
            .seed(42)
            .stopSequences(List.of("END"))
            .jsonSchema(schema)
            .build();
    assertThat(r.seed()).isEqualTo(42L);
    assertThat(r.stopSequences()).containsExactly("END");
    assertThat(r.jsonSchema()).isEqualTo(schema);
    assertThat(r.toBuilder().model("other").build().seed()).isEqualTo(42L);
  }

  @Test
  void rejectsBadOptionsAtOnce() {
    assertThatThrownBy(() -> ChatRequest.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatRequest.builder(MESSAGES).temperature(2.5))
        .hasMessageContaining("2.5");
    assertThatThrownBy(() -> ChatRequest.builder(MESSAGES).maxOutputTokens(0))
        .hasMessageContaining("maxOutputTokens");
    assertThatThrownBy(() -> ChatRequest.builder(MESSAGES).seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> ChatRequest.builder(MESSAGES).stopSequences(List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonSchema("bad name", "{}")).hasMessageContaining("bad name");
    assertThatThrownBy(() -> new JsonSchema("s", "[1]")).hasMessageContaining("JSON object");
  }

  @Test
  void toStringShowsNoMessageText() {
    assertThat(ChatRequest.of(MESSAGES).toString()).doesNotContain("secret");
    ChatResponse response =
        ChatResponse.builder("secret answer", "m", TokenUsage.NONE)
            .thinking("secret thought")
            .build();
    assertThat(response.toString()).doesNotContain("secret");
  }

  @Test
  void aResponseKeepsThinkingJsonAndAttemptsApartFromTheText() {
    Attempt failed = Attempt.failed("ollama", "m", LlmException.Kind.TIMEOUT, Duration.ofMillis(5));
    Attempt answered = Attempt.answered("openai", "gpt", Duration.ofMillis(7));
    ChatResponse r =
        ChatResponse.builder("{\"a\":1}", "gpt", new TokenUsage(1, 2))
            .thinking("hmm")
            .json("{\"a\":1}")
            .build()
            .toBuilder()
            .attempts(List.of(failed, answered))
            .build();
    assertThat(r.text()).isEqualTo("{\"a\":1}");
    assertThat(r.thinking()).isEqualTo("hmm");
    assertThat(r.json()).isEqualTo("{\"a\":1}");
    assertThat(r.attempts()).containsExactly(failed, answered);
    assertThat(ChatResponse.of("t", "m", TokenUsage.NONE, null).attempts()).isEmpty();
  }

  @Test
  void aFailedAttemptNeedsItsKind() {
    assertThatThrownBy(() -> new Attempt("p", "m", Attempt.Outcome.FAILED, null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExceptionCarriesTheAttemptsOfAChain() {
    Attempt skipped = Attempt.skipped("ollama", "m");
    LlmException e =
        new LlmException(
            "openai", LlmException.Kind.UNAVAILABLE, "down", null, null, List.of(skipped));
    assertThat(e.attempts()).containsExactly(skipped);
    assertThat(new LlmException("x", LlmException.Kind.TIMEOUT, "t").attempts()).isEmpty();
  }
}
