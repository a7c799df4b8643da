package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.ChatResponse;
import io.elavira.llm.TokenUsage;
import io.elavira.retrieval.RetrievalQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values that carry questions, answers or passages never print them: they end up in logs. */
class ToStringPrivacyTest {
  private static final String PRIVATE = "mon numéro de sécurité sociale est 1 85 05";

  @Test
  void answerDoesNotPrintItsTextOrSources() {
    Source source = new Source("d1", "notes.md", null, null, 0, 0.9, PRIVATE);
    Answer answer =
        Answer.builder()
            .text(PRIVATE)
            .mode(AnswerMode.EXTRACTIVE)
            .reason("Provider ollama failed: " + PRIVATE)
            .sources(List.of(source))
            .provider("extractive")
            .model("none")
            .usage(TokenUsage.NONE)
            .latency(Duration.ofMillis(3))
            .conversationId("c1")
            .traceId("t1")
            .build();

    assertThat(answer.toString()).doesNotContain(PRIVATE).contains("EXTRACTIVE", "sources=1");
  }

  @Test
  void chatResponseDoesNotPrintItsText() {
    ChatResponse response = ChatResponse.of(PRIVATE, "llama3.2", TokenUsage.NONE, "stop");

    assertThat(response.toString()).doesNotContain(PRIVATE).contains("llama3.2");
  }

  @Test
  void retrievalQueryDoesNotPrintTheQuestion() {
    RetrievalQuery query = new RetrievalQuery("a1", "u1", PRIVATE, 5, 0.0);

    assertThat(query.toString()).doesNotContain(PRIVATE).contains("a1", "topK=5");
  }
}
