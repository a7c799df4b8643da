package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.memory.LongTermMemory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A question asked again is not embedded again, in this process or after the home is reopened. */
class QueryEmbeddingCacheTest {
  static final String QUESTION = ResponseCacheTest.QUESTION;

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();

  private ElaviraAgent open() {
    return ElaviraAgent.builder()
        .home(home)
        .embeddings(embeddings)
        .longTermMemory(LongTermMemory.off())
        .build();
  }

  @Test
  void embedsARepeatedQuestionOnce() {
    try (ElaviraAgent agent = open()) {
      agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));
      int afterIndexing = embeddings.embeddedTexts();

      Answer first = agent.ask("alice", "c1", QUESTION);
      int afterFirst = embeddings.embeddedTexts();
      Answer second = agent.ask("bob", "c2", QUESTION);

      assertThat(afterFirst).isEqualTo(afterIndexing + 1);
      assertThat(embeddings.embeddedTexts()).isEqualTo(afterFirst);
      assertThat(second.sources()).isEqualTo(first.sources());
    }
  }

  @Test
  void reusesThePersistedVectorsOfQuestionsAndOfIngestedTexts() {
    Document faq = Docs.document("faq.txt", "How are refunds paid?", "Refunds go to the card.");
    try (ElaviraAgent agent = open()) {
      agent.index(faq, Docs.chunks(faq));
      agent.ask("alice", "c1", QUESTION);
    }
    int before = embeddings.embeddedTexts();

    try (ElaviraAgent reopened = open()) {
      Answer asked = reopened.ask("alice", "c2", QUESTION);
      // The text of a chunk: its vector is in the embedding cache ingestion filled.
      Answer ingested = reopened.ask("alice", "c3", "How are refunds paid?");

      assertThat(embeddings.embeddedTexts()).isEqualTo(before);
      assertThat(ingested.sources().get(0).text()).isEqualTo("How are refunds paid?");
      assertThat(asked.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    }
  }
}
