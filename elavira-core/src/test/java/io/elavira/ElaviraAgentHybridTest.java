package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.LexicalRecord;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.retrieval.WordOverlapIndex;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent with a lexical index: the retrieval modes, the lexical index kept in step with the
 * database like the vector index, and weak matches.
 */
class ElaviraAgentHybridTest {
  static final Document BILLS =
      Docs.document(
          "bills.txt",
          "Invoice 4711 is overdue since March.",
          "The boiler was serviced by Martin in June.",
          "Parking permit PX-22 expires in October.");

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final WordOverlapIndex words = new WordOverlapIndex();
  final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private ElaviraAgentBuilder builder() {
    return ElaviraAgent.builder().home(home).embeddings(embeddings);
  }

  @Test
  void aModeNeedingALexicalIndexWithoutOneIsRefusedNamingTheSetter() {
    for (RetrievalMode mode : List.of(RetrievalMode.LEXICAL, RetrievalMode.HYBRID)) {
      assertThatThrownBy(() -> builder().retrieval(mode).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("retrieval(" + mode + ")")
          .hasMessageContaining("lexical(LexicalIndex)");
    }
    assertThatThrownBy(() -> builder().fusionWeights(1, 2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fusionWeights");
    assertThatThrownBy(() -> builder().fusionWeights(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().fusionWeights(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withALexicalIndexRetrievalIsHybridByDefaultAndRanksEachQuestionsWordMatchFirst() {
    // Every text gets the same vector: dense retrieval alone cannot tell the passages apart.
    EmbeddingModel blind = new ConstantModel();
    try (ElaviraAgent dense = ElaviraAgent.builder().home(home).embeddings(blind).build()) {
      dense.index(BILLS, Docs.chunks(BILLS));
      List<String> denseFirsts =
          List.of("invoice 4711", "boiler Martin", "permit PX-22").stream()
              .map(q -> dense.ask(q).sources().get(0).text())
              .distinct()
              .toList();
      assertThat(denseFirsts).hasSize(1); // the same passage first, whatever the question
    }

    ElaviraAgent hybrid =
        keep(ElaviraAgent.builder().home(home).embeddings(blind).lexical(words).build());

    assertThat(hybrid.ask("invoice 4711").sources().get(0).text()).startsWith("Invoice 4711");
    assertThat(hybrid.ask("boiler Martin").sources().get(0).text()).startsWith("The boiler");
    assertThat(hybrid.ask("permit PX-22").sources().get(0).text()).startsWith("Parking permit");
    // The dense side still adds its finds after the word match.
    assertThat(hybrid.ask("invoice 4711").sources()).hasSize(3);
  }

  @Test
  void lexicalModeReturnsOnlyPassagesSharingTheQuestionsWords() {
    ElaviraAgent agent = keep(builder().lexical(words).retrieval(RetrievalMode.LEXICAL).build());
    agent.index(BILLS, Docs.chunks(BILLS));

    assertThat(agent.ask("invoice 4711").sources())
        .extracting(Source::text)
        .containsExactly("Invoice 4711 is overdue since March.");
  }

  @Test
  void theLexicalIndexFollowsIndexingReindexingAndRemovalWholeVersions() {
    ElaviraStore store = keep(ElaviraStore.open(home.resolve("elavira.db")));
    ElaviraAgent agent =
        keep(ElaviraAgent.builder().store(store).embeddings(embeddings).lexical(words).build());

    agent.index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD));
    assertThat(words.texts().values())
        .containsExactlyInAnyOrderElementsOf(texts(ElaviraAgentReindexTest.OLD));

    agent.index(ElaviraAgentReindexTest.NEW, Docs.chunks(ElaviraAgentReindexTest.NEW));
    assertThat(words.texts().values())
        .containsExactlyInAnyOrderElementsOf(texts(ElaviraAgentReindexTest.NEW));
    assertThat(words.texts().keySet())
        .containsExactlyInAnyOrderElementsOf(chunkIds(store, agent)); // current version's only

    agent.removeDocument("/docs/guide.md");
    assertThat(words.texts()).isEmpty();
    assertThat(agent.ask("How do I wash the solar panels in spring?").sources()).isEmpty();
  }

  @Test
  void anotherAgentsChangesReachTheLexicalIndexBeforeTheNextQuestion() {
    ElaviraStore store = keep(ElaviraStore.open(home.resolve("elavira.db")));
    ElaviraAgent writer = keep(ElaviraAgent.builder().store(store).embeddings(embeddings).build());
    ElaviraAgent reader =
        keep(
            ElaviraAgent.builder()
                .store(store)
                .embeddings(embeddings)
                .lexical(words)
                .retrieval(RetrievalMode.LEXICAL)
                .build());

    writer.index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD));
    assertThat(reader.ask("pump filter").sources())
        .extracting(Source::text)
        .containsExactly("Clean the pump filter every spring with warm water.", texts0());

    writer.index(ElaviraAgentReindexTest.NEW, Docs.chunks(ElaviraAgentReindexTest.NEW));
    assertThat(reader.ask("solar panels pump filter").sources())
        .extracting(Source::text)
        .containsExactlyInAnyOrderElementsOf(texts(ElaviraAgentReindexTest.NEW));
    assertThat(words.texts().values())
        .containsExactlyInAnyOrderElementsOf(texts(ElaviraAgentReindexTest.NEW));

    writer.removeDocument("/docs/guide.md");
    assertThat(reader.ask("solar panels").sources()).isEmpty();
    assertThat(words.texts()).isEmpty();
  }

  @Test
  void openingRebuildsAnEmptyOrStaleLexicalIndexFromTheDatabase() {
    try (ElaviraAgent first = builder().build()) {
      first.index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD));
    }

    try (ElaviraAgent agent = builder().lexical(words).build()) {
      assertThat(agent.indexStatus().chunks()).isEqualTo(2);
      assertThat(words.texts().values())
          .containsExactlyInAnyOrderElementsOf(texts(ElaviraAgentReindexTest.OLD));
    }

    // A passage the index kept from a document removed while it was not followed.
    WordOverlapIndex stale = new WordOverlapIndex();
    stale.upsert(
        List.of(
            new LexicalRecord(
                "gone#0",
                "Clean the pump filter",
                VectorRecord.chunkMetadata("default", "gone", null))));
    try (ElaviraAgent agent = builder().lexical(stale).retrieval(RetrievalMode.LEXICAL).build()) {
      assertThat(stale.texts()).doesNotContainKey("gone#0");
      assertThat(stale.count(Filter.all())).isEqualTo(2);
      assertThat(agent.ask("pump filter").sources()).hasSize(2);
    }
  }

  @Test
  void lexicalSearchNeverReturnsAnotherUsersPrivatePassage() {
    ElaviraAgent agent = keep(builder().lexical(words).retrieval(RetrievalMode.LEXICAL).build());
    Document payslip = Docs.document("payslip.txt", "Salary slip of Bob for April.");
    agent.index(payslip, Docs.chunks(payslip), "bob");

    assertThat(agent.ask("alice", "c-alice", "salary slip April").sources()).isEmpty();
    assertThat(agent.ask("bob", "c-bob", "salary slip April").sources()).hasSize(1);
  }

  @Test
  void aWeakMatchIsFlaggedAndTheExtractiveAnswerSaysSoInsteadOfPresentingThePassages() {
    ElaviraAgent agent = keep(builder().lexical(words).build());
    agent.index(BILLS, Docs.chunks(BILLS));
    Document frais = Docs.document("frais.txt", "Les frais de résiliation sont de quarante euros.");
    agent.index(frais, Docs.chunks(frais));

    Answer good = agent.ask("Invoice 4711 is overdue since March.");
    assertThat(good.weakMatch()).isFalse();
    assertThat(good.text()).contains("most relevant passages");

    Answer weak = agent.ask("Is the moon made of cheese?");
    assertThat(weak.weakMatch()).isTrue();
    assertThat(weak.sources()).isNotEmpty();
    assertThat(weak.text())
        .contains("no passage of your documents matches the question well")
        .doesNotContain("most relevant");

    Answer faible = agent.ask("Quelle est la couleur de la lune ?");
    assertThat(faible.weakMatch()).isTrue();
    assertThat(faible.text()).contains("aucun passage de vos documents ne correspond bien");
  }

  @Test
  void aGeneratedAnswerCarriesTheWeakMatchFlag() {
    ScriptedLlmProvider llm =
        new ScriptedLlmProvider().then(ScriptedLlmProvider.answer("I do not know."));
    ElaviraAgent agent = keep(builder().lexical(words).llm(llm).build());
    agent.index(BILLS, Docs.chunks(BILLS));

    Answer answer = agent.ask("Is the moon made of cheese?");

    assertThat(answer.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(answer.weakMatch()).isTrue();
  }

  @Test
  void aDenseOnlyAgentFlagsWeakMatchesToo() {
    ElaviraAgent agent = keep(builder().build());
    agent.index(BILLS, Docs.chunks(BILLS));

    assertThat(agent.ask("Invoice 4711 is overdue since March.").weakMatch()).isFalse();
    assertThat(agent.ask("Is the moon made of cheese?").weakMatch()).isTrue();
  }

  private static String texts0() {
    return texts(ElaviraAgentReindexTest.OLD).get(0);
  }

  private static List<String> texts(Document document) {
    return Docs.chunks(document).stream().map(c -> c.text()).toList();
  }

  private static List<String> chunkIds(ElaviraStore store, ElaviraAgent agent) {
    String documentId = agent.listDocuments().get(0).id();
    return store.documents().chunksOf(documentId).stream().map(c -> c.id()).toList();
  }

  /** The same unit vector for every text. */
  static final class ConstantModel implements EmbeddingModel {
    @Override
    public String modelId() {
      return "constant";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(t -> new float[] {1, 0}).toList();
    }
  }
}
