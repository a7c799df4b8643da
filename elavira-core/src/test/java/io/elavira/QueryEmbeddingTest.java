package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.retrieval.WordOverlapIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Questions go through {@link EmbeddingModel#embedQuery} and are cached apart from passages. */
class QueryEmbeddingTest {
  static final Document GUIDE =
      Docs.document(
          "guide.md",
          "Install the heating pump in the basement next to the boiler.",
          "Clean the pump filter every spring with warm water.");

  @TempDir Path home;

  /** Embeds questions with a marker word, as e5 writes "query: " before them. */
  static final class QuestionMarkingModel implements EmbeddingModel {
    final FakeEmbeddingModel passages = new FakeEmbeddingModel();
    final List<String> questions = new CopyOnWriteArrayList<>();

    @Override
    public String modelId() {
      return "marking";
    }

    @Override
    public String queryModelId() {
      return "marking#query";
    }

    @Override
    public int dimension() {
      return FakeEmbeddingModel.DIMENSION;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return passages.embedAll(texts);
    }

    @Override
    public float[] embedQuery(String text) {
      questions.add(text);
      return FakeEmbeddingModel.vector("questionmarker " + text);
    }
  }

  private ElaviraAgent open(EmbeddingModel model, RetrievalMode mode) {
    return ElaviraAgent.builder()
        .home(home)
        .embeddings(model)
        .lexical(new WordOverlapIndex())
        .retrieval(mode)
        .build();
  }

  @Test
  void denseAndHybridSearchEmbedTheQuestionAsAQuery() {
    QuestionMarkingModel model = new QuestionMarkingModel();
    try (ElaviraAgent agent = open(model, RetrievalMode.DENSE)) {
      agent.index(GUIDE, Docs.chunks(GUIDE));
      List<Source> dense = agent.retrieve("alice", "How do I clean the pump filter?", 1);
      assertThat(dense).singleElement().satisfies(s -> assertThat(s.text()).contains("filter"));
    }
    try (ElaviraAgent agent = open(model, RetrievalMode.HYBRID)) {
      agent.retrieve("alice", "Where is the heating pump installed?", 1);
    }

    assertThat(model.questions)
        .containsExactly("How do I clean the pump filter?", "Where is the heating pump installed?");
    assertThat(model.passages.embeddedTexts()).as("only the two chunks as passages").isEqualTo(2);
  }

  @Test
  void aQuestionWithAPassagesTextIsEmbeddedAsAQueryAndCachedUnderTheQueryModelId() {
    String chunkText = "Clean the pump filter every spring with warm water.";
    QuestionMarkingModel model = new QuestionMarkingModel();
    try (ElaviraAgent agent = open(model, RetrievalMode.DENSE)) {
      agent.index(GUIDE, Docs.chunks(GUIDE));
      agent.retrieve("alice", chunkText, 1);
    }
    QuestionMarkingModel reopened = new QuestionMarkingModel();
    try (ElaviraAgent agent = open(reopened, RetrievalMode.DENSE)) {
      agent.retrieve("alice", chunkText, 1);
    }

    assertThat(model.questions)
        .as("the passage's cached vector is not taken for the question's")
        .containsExactly(chunkText);
    assertThat(reopened.questions).as("the question's own vector was cached").isEmpty();
    assertThat(reopened.passages.embeddedTexts()).isZero();
  }
}
