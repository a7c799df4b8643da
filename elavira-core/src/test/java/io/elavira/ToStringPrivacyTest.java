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
        new Answer(
            PRIVATE,
            AnswerMode.EXTRACTIVE,
            List.of(source),
            "extractive",
            "none",
            TokenUsage.NONE,
            Duration.ofMillis(3),
            "c1",
            "t1");

    assertThat(answer.toString()).doesNotContain(PRIVATE).contains("EXTRACTIVE", "sources=1");
  }

  @Test
  void chatResponseDoesNotPrintItsText() {
    ChatResponse response = new ChatResponse(PRIVATE, "llama3.2", TokenUsage.NONE, "stop");

    assertThat(response.toString()).doesNotContain(PRIVATE).contains("llama3.2");
  }

  @Test
  void retrievalQueryDoesNotPrintTheQuestion() {
    RetrievalQuery query = new RetrievalQuery("a1", "u1", PRIVATE, 5, 0.0);

    assertThat(query.toString()).doesNotContain(PRIVATE).contains("a1", "topK=5");
  }
}
