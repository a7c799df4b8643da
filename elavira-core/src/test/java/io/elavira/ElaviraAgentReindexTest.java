package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Document;
import io.elavira.document.IndexResult;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.internal.DenseRetriever;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-index replaces a document whole: whichever step fails (the embedding model, the vector
 * upsert, the delete of the old vectors), a search sees the old version whole or the new one whole,
 * in the running agent and after it is reopened.
 */
class ElaviraAgentReindexTest {
  static final Document OLD =
      Docs.document(
          "guide.md",
          "Install the heating pump in the basement next to the boiler.",
          "Clean the pump filter every spring with warm water.");
  static final Document NEW =
      Docs.document(
          "guide.md",
          "Mount the solar panels on the south roof of the heating room.",
          "Wash the solar panels every spring with clear water.",
          "The pump of the solar heating runs in summer.");
  static final String OLD_QUESTION = "How do I clean the pump filter in spring?";
  static final String NEW_QUESTION = "How do I wash the solar panels in spring?";

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final FailingVectorStore vectors = new FailingVectorStore();
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    vectors.close();
  }

  private ElaviraAgent open() {
    return ElaviraAgent.builder().home(home).embeddings(embeddings).vectors(vectors).build();
  }

  private List<String> sources(String question) {
    return agent.ask(question).sources().stream().map(Source::text).toList();
  }

  /** Every passage comes from the old version, and all of it is there. */
  private void assertOldVersionWhole() {
    assertThat(sources(OLD_QUESTION))
        .containsExactlyInAnyOrderElementsOf(Docs.chunks(OLD).stream().map(c -> c.text()).toList());
    assertThat(sources(NEW_QUESTION)).noneMatch(t -> t.contains("solar"));
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(DocumentStatus.READY);
              assertThat(d.version()).isEqualTo(1);
              assertThat(d.chunkCount()).isEqualTo(2);
            });
  }

  /** Every passage comes from the new version, and all of it is there. */
  private void assertNewVersionWhole() {
    assertThat(sources(NEW_QUESTION))
        .containsExactlyInAnyOrderElementsOf(Docs.chunks(NEW).stream().map(c -> c.text()).toList());
    assertThat(sources(OLD_QUESTION)).noneMatch(t -> t.contains("filter"));
  }

  @Test
  void whenTheEmbeddingModelFailsTheOldVersionStaysWholeAndNothingIsWritten() {
    agent = open();
    String documentId = agent.index(OLD, Docs.chunks(OLD)).documentId();
    embeddings.failing(true);

    assertThatThrownBy(() -> agent.index(NEW, Docs.chunks(NEW)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("guide.md")
        .hasMessageContaining("previous version stays searchable");

    embeddings.failing(false);
    assertThat(vectors.countOf(documentId)).isEqualTo(2);
    assertOldVersionWhole();
    agent.close();
    agent = open();
    assertOldVersionWhole();
  }

  @Test
  void whenTheVectorUpsertFailsHalfWayTheOldVersionStaysWholeAndTheNewVectorsAreRemoved() {
    agent = open();
    String documentId = agent.index(OLD, Docs.chunks(OLD)).documentId();
    vectors.failUpsert(1);

    assertThatThrownBy(() -> agent.index(NEW, Docs.chunks(NEW)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("Could not index document guide.md")
        .hasMessageContaining("previous version stays searchable");

    assertThat(vectors.countOf(documentId)).isEqualTo(2);
    assertOldVersionWhole();
    agent.close();
    agent = open(); // the persistent store is not rebuilt: what it holds must already be right
    assertOldVersionWhole();
  }

  @Test
  void whenTheVectorUpsertFailsTheNextIndexSucceedsWhole() {
    agent = open();
    agent.index(OLD, Docs.chunks(OLD));
    vectors.failUpsert(1);
    assertThatThrownBy(() -> agent.index(NEW, Docs.chunks(NEW)))
        .isInstanceOf(ElaviraException.class);

    IndexResult retried = agent.index(NEW, Docs.chunks(NEW));

    assertThat(retried.status()).isEqualTo(IndexResult.Status.UPDATED);
    assertThat(vectors.countOf(retried.documentId())).isEqualTo(3);
    assertNewVersionWhole();
    // The discarded version's number is staged again, under new chunk ids.
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.version()).isEqualTo(2));
  }

  @Test
  void whenTheFirstVersionCannotBeWrittenTheDocumentIsNotStoredAtAll() {
    agent = open();
    vectors.failUpsert(1);

    assertThatThrownBy(() -> agent.index(NEW, Docs.chunks(NEW)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("guide.md");

    assertThat(agent.listDocuments()).isEmpty();
    assertThat(sources(NEW_QUESTION)).isEmpty();
    agent.close();
    agent = open();
    assertThat(agent.listDocuments()).isEmpty();
    assertThat(sources(NEW_QUESTION)).isEmpty();
  }

  @Test
  void whenDeletingTheOldVectorsFailsTheNewVersionIsServedWholeAndTheDeleteIsRetried() {
    agent = open();
    String documentId = agent.index(OLD, Docs.chunks(OLD)).documentId();
    vectors.failDelete(1);

    IndexResult result = agent.index(NEW, Docs.chunks(NEW));

    assertThat(result.status()).isEqualTo(IndexResult.Status.UPDATED);
    // The old vectors are still in the store, and score best for the old question...
    assertThat(vectors.countOf(documentId)).isEqualTo(2 + 3);
    // ...but resolve to nothing: never to the new text, never to the old text.
    assertThat(sources(OLD_QUESTION)).noneMatch(t -> t.contains("filter"));
    // That question retried the delete before searching.
    assertThat(vectors.countOf(documentId)).isEqualTo(3);
    assertNewVersionWhole();
    agent.close();
    agent = open();
    assertNewVersionWhole();
  }

  @Test
  void aSearchDuringTheSwapSeesTheOldVersionWholeBeforeThePublishAndTheNewOneWholeAfter() {
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
      agent = ElaviraAgent.builder().store(store).embeddings(embeddings).vectors(vectors).build();
      agent.index(OLD, Docs.chunks(OLD));
      // What a search on another thread sees at each step of the swap.
      DenseRetriever concurrentSearch = new DenseRetriever(embeddings, vectors, store.documents());
      RetrievalQuery both =
          new RetrievalQuery("default", "local", OLD_QUESTION + NEW_QUESTION, 10, -1);
      List<List<String>> seen = new ArrayList<>();
      vectors.afterNextUpsert(() -> seen.add(texts(concurrentSearch.retrieve(both))));
      vectors.beforeNextDelete(() -> seen.add(texts(concurrentSearch.retrieve(both))));

      agent.index(NEW, Docs.chunks(NEW));

      assertThat(seen)
          .containsExactly(
              Docs.chunks(OLD).stream().map(c -> c.text()).sorted().toList(),
              Docs.chunks(NEW).stream().map(c -> c.text()).sorted().toList());
      agent.close();
      agent = null;
    }
  }

  private static List<String> texts(List<Source> sources) {
    return sources.stream().map(Source::text).sorted().toList();
  }
}
