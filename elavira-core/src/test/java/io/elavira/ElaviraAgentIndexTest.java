package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Role;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElaviraAgentIndexTest {
  static final Document GUIDE =
      Docs.document(
          "guide.md",
          "Install the heating pump in the basement next to the boiler.",
          "Clean the pump filter every spring with warm water.");

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  private ElaviraAgent open(String agentId) {
    return ElaviraAgent.builder().home(home).agentId(agentId).embeddings(embeddings).build();
  }

  private static List<String> texts(Answer answer) {
    return answer.sources().stream().map(Source::text).toList();
  }

  @Test
  void indexesOnceAndSkipsUnchangedContentWithoutEmbedding() {
    agent = open("default");

    IndexResult first = agent.index(GUIDE, Docs.chunks(GUIDE));
    int embedded = embeddings.embeddedTexts();
    IndexResult second = agent.index(GUIDE, Docs.chunks(GUIDE));

    assertThat(first.status()).isEqualTo(IndexResult.Status.ADDED);
    assertThat(first.chunks()).isEqualTo(2);
    assertThat(embedded).isEqualTo(2);
    assertThat(second.status()).isEqualTo(IndexResult.Status.UNCHANGED);
    assertThat(second.documentId()).isEqualTo(first.documentId());
    assertThat(embeddings.embeddedTexts()).isEqualTo(embedded);
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(DocumentStatus.READY);
              assertThat(d.version()).isEqualTo(1);
            });
  }

  @Test
  void indexAllEmbedsTheNewChunksOfEveryDocumentInOneCallAndIndexesThemAsIndexWould() {
    agent = open("default");
    Document manual = Docs.document("manual.md", "The boiler pressure should stay near 1.5 bar.");
    Document notes = Docs.document("notes.txt", "Call the plumber before the winter starts.");
    agent.index(GUIDE, Docs.chunks(GUIDE));
    int callsBefore = embeddings.calls();

    List<IndexResult> results =
        agent.indexAll(
            List.of(
                IndexRequest.shared(GUIDE, Docs.chunks(GUIDE)),
                IndexRequest.shared(manual, Docs.chunks(manual)),
                new IndexRequest(notes, Docs.chunks(notes), "alice")));

    assertThat(results)
        .extracting(IndexResult::name, IndexResult::status)
        .containsExactly(
            tuple("guide.md", IndexResult.Status.UNCHANGED),
            tuple("manual.md", IndexResult.Status.ADDED),
            tuple("notes.txt", IndexResult.Status.ADDED));
    assertThat(embeddings.calls()).isEqualTo(callsBefore + 1);
    assertThat(embeddings.embeddedTexts()).isEqualTo(2 + 2); // guide's two, then one per new doc
    assertThat(texts(agent.ask("bob", "c1", "What pressure should the boiler have?")))
        .anyMatch(t -> t.contains("1.5 bar"))
        .noneMatch(t -> t.contains("plumber"));
    assertThat(texts(agent.ask("alice", "c2", "When should I call the plumber?")))
        .anyMatch(t -> t.contains("plumber"));
  }

  @Test
  void updatesChangedContentEmbeddingOnlyNewChunksAndRemovesStaleOnesFromSearch() {
    InMemoryVectorStore vectors = new InMemoryVectorStore();
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).vectors(vectors).build();
    String documentId = agent.index(GUIDE, Docs.chunks(GUIDE)).documentId();
    Document changed =
        Docs.document("guide.md", "Install the heating pump in the basement next to the boiler.");
    int before = embeddings.embeddedTexts();

    IndexResult result = agent.index(changed, Docs.chunks(changed));

    assertThat(result.status()).isEqualTo(IndexResult.Status.UPDATED);
    assertThat(result.chunks()).isEqualTo(1);
    assertThat(embeddings.embeddedTexts()).isEqualTo(before); // the kept chunk came from the cache
    Answer answer = agent.ask("How do I clean the pump filter in spring?");
    assertThat(texts(answer)).noneMatch(t -> t.contains("filter"));
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.version()).isEqualTo(2));
    assertThat(vectors.count(Filter.eq(VectorRecord.DOCUMENT_ID, documentId))).isEqualTo(1);
  }

  @Test
  void anEmbeddingFailureNamesTheDocumentAndKeepsThePreviousVersionSearchable() {
    agent = open("default");
    agent.index(GUIDE, Docs.chunks(GUIDE));
    Document changed = Docs.document("guide.md", "Completely new text about solar panels.");
    embeddings.failing(true);

    assertThatThrownBy(() -> agent.index(changed, Docs.chunks(changed)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("guide.md");

    embeddings.failing(false);
    assertThat(texts(agent.ask("How do I clean the pump filter?")))
        .anyMatch(t -> t.contains("filter"));
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.READY));
  }

  @Test
  void keepsDocumentsAndHistoryAcrossARestartAndRebuildsTheIndexWithoutReEmbedding() {
    agent = open("default");
    agent.index(GUIDE, Docs.chunks(GUIDE));
    agent.ask("alice", "c1", "Where do I install the pump?");
    agent.close();
    int embedded = embeddings.embeddedTexts();

    agent = open("default");
    Answer answer = agent.ask("alice", "c1", "How do I clean the pump filter?");

    // The new question, and the first exchange as it joins long-term memory; no chunk again.
    assertThat(embeddings.embeddedTexts()).isEqualTo(embedded + 2);
    assertThat(answer.sources()).isNotEmpty();
    assertThat(answer.sources().get(0).text()).contains("filter");
    assertThat(agent.listDocuments()).extracting(DocumentInfo::name).containsExactly("guide.md");
    assertThat(agent.history("c1", 10))
        .extracting(m -> m.role())
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
  }

  @Test
  void publishesAFirstVersionACrashLeftStagedWhenTheAgentOpens() {
    String documentId = "doc-crashed";
    String text = "The garage code is written on the fridge.";
    String hash = "h-" + Integer.toHexString(text.hashCode());
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
      // A crash after the rows were staged, before the version was published.
      store
          .documents()
          .stage(
              record(documentId, "/docs/notes.txt", "content-hash", 1, 1),
              List.of(
                  new ChunkRecord(
                      documentId + "@1#0", documentId, 0, text, null, null, hash, Map.of())));
      store
          .documents()
          .putEmbeddings(embeddings.modelId(), Map.of(hash, FakeEmbeddingModel.vector(text)));
    }

    agent = open("default");

    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(DocumentStatus.READY);
              assertThat(d.version()).isEqualTo(1);
            });
    assertThat(texts(agent.ask("Where is the garage code written?")))
        .anyMatch(t -> t.contains("garage"));
    assertThat(embeddings.embeddedTexts())
        .isEqualTo(1); // the question; the chunk came from the cache
  }

  @Test
  void aReIndexACrashLeftStagedIsNeverSearchedAndTheNextIndexRemovesItsRowsAndVectors() {
    Document notes =
        Docs.document("notes.txt", "Garage code one.", "Garage code two.", "Garage code three.");
    InMemoryVectorStore persistent = new InMemoryVectorStore(); // outlives the agent, like a file
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).vectors(persistent).build();
    String documentId = agent.index(notes, Docs.chunks(notes)).documentId();
    agent.close();
    // A crash after version 2's rows were staged and its vector written, before the publish.
    String changed = "Garage code changed to a secret.";
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
      store
          .documents()
          .stage(
              record(documentId, notes.location(), "new-hash", 2, 1),
              List.of(
                  new ChunkRecord(
                      documentId + "@2#0", documentId, 0, changed, null, null, "h", Map.of())));
    }
    persistent.upsert(
        List.of(
            new VectorRecord(
                documentId + "@2#0",
                FakeEmbeddingModel.vector(changed),
                VectorRecord.chunkMetadata("default", documentId, null))));

    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).vectors(persistent).build();

    assertThat(texts(agent.ask("What is the garage code changed to?")))
        .hasSize(3)
        .noneMatch(t -> t.contains("secret"));
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.version()).isEqualTo(1));

    Document v3 = Docs.document("notes.txt", "Garage code four.");
    agent.index(v3, Docs.chunks(v3));

    assertThat(persistent.count(Filter.eq(VectorRecord.DOCUMENT_ID, documentId))).isEqualTo(1);
    assertThat(texts(agent.ask("What is the garage code?"))).containsExactly("Garage code four.");
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.version()).isEqualTo(3));
    persistent.close();
  }

  private static DocumentRecord record(
      String id, String location, String hash, int version, int chunks) {
    return new DocumentRecord(
        id,
        "default",
        null,
        "notes.txt",
        location,
        "txt",
        hash,
        DocumentStatus.INDEXING,
        version,
        chunks,
        Instant.now());
  }

  @Test
  void anEmbeddingFailureOfAThirdPartyModelDoesNotQuoteItsMessage() {
    FakeEmbeddingModel fake = embeddings;
    EmbeddingModel leaky =
        new EmbeddingModel() {
          @Override
          public String modelId() {
            return fake.modelId();
          }

          @Override
          public int dimension() {
            return fake.dimension();
          }

          @Override
          public List<float[]> embedAll(List<String> texts) {
            throw new IllegalStateException("tokenizer failed on: " + texts.get(0));
          }
        };
    agent = ElaviraAgent.builder().home(home).embeddings(leaky).build();

    assertThatThrownBy(() -> agent.index(GUIDE, Docs.chunks(GUIDE)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("guide.md")
        .hasMessageContaining("IllegalStateException")
        .message()
        .doesNotContain("heating pump");
  }

  @Test
  void keepsPrivateDocumentsToTheirOwner() {
    agent = open("default");
    Document payslip = Docs.document("payslip.pdf", "Alice salary payslip for March: net amount.");
    agent.index(payslip, Docs.chunks(payslip), "alice");
    agent.index(GUIDE, Docs.chunks(GUIDE));

    Answer forAlice =
        agent.ask("alice", "a1", "What is the net amount of the March payslip salary?");
    Answer forBob = agent.ask("bob", "b1", "What is the net amount of the March payslip salary?");

    assertThat(forAlice.sources()).extracting(Source::document).contains("payslip.pdf");
    assertThat(forBob.sources()).extracting(Source::document).doesNotContain("payslip.pdf");
    assertThat(forBob.text()).doesNotContain("salary");
  }

  @Test
  void isolatesAgentsSharingAHome() {
    ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
    ElaviraAgent house =
        ElaviraAgent.builder().store(store).agentId("house").embeddings(embeddings).build();
    ElaviraAgent work =
        ElaviraAgent.builder().store(store).agentId("work").embeddings(embeddings).build();
    try {
      Document contract =
          Docs.document("contract.txt", "The pump contract renewal is due in June.");
      work.index(contract, Docs.chunks(contract));
      house.index(GUIDE, Docs.chunks(GUIDE));

      Answer fromHouse = house.ask("alice", "house-1", "When is the pump contract renewal due?");
      Answer fromWork = work.ask("alice", "work-1", "How do I install the heating pump?");

      assertThat(fromHouse.sources()).extracting(Source::document).containsOnly("guide.md");
      assertThat(fromWork.sources()).extracting(Source::document).containsOnly("contract.txt");
      assertThat(house.listDocuments()).extracting(DocumentInfo::name).containsExactly("guide.md");
      assertThat(work.listDocuments())
          .extracting(DocumentInfo::name)
          .containsExactly("contract.txt");
    } finally {
      work.close();
      house.close();
      store.close();
    }
    // Reopened, each agent's rebuilt index still holds only its own documents.
    agent = open("house");
    assertThat(agent.ask("alice", "house-2", "pump contract renewal June").sources())
        .extracting(Source::document)
        .doesNotContain("contract.txt");
  }

  @Test
  void rejectsABlankOwner() {
    agent = open("default");
    List<Chunk> chunks = Docs.chunks(GUIDE);

    assertThatThrownBy(() -> agent.index(GUIDE, chunks, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ownerId");
  }
}
