package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.IndexResult;
import io.elavira.store.DocumentChange;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import io.elavira.store.RemovedLocation;
import io.elavira.store.internal.ContentHash;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowing and removing what an agent knows: its documents with every path, size and dates; removal
 * of a document from rows, vectors and the embedding cache, followed by other agents;
 * byte-identical files stored once; and pruning the files gone from a folder.
 */
class ElaviraAgentDocumentsTest {
  static final String PUMP = "Clean the heating pump filter every spring with warm water.";
  static final String BOILER = "The boiler pressure should stay near one and a half bar.";
  static final String SOLAR = "Wash the solar panels on the roof twice a year.";

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final InMemoryVectorStore vectors = new InMemoryVectorStore();
  final List<AutoCloseable> opened = new ArrayList<>();
  ElaviraStore store;

  @BeforeEach
  void openStore() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    opened.add(store);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private ElaviraAgent open() {
    ElaviraAgent agent =
        ElaviraAgent.builder().store(store).embeddings(embeddings).vectors(vectors).build();
    opened.add(agent);
    return agent;
  }

  /** A document read from {@code location}, one block per page, of {@code sizeBytes} if given. */
  static Document at(String location, String... pages) {
    return at(location, Map.of(), pages);
  }

  static Document at(String location, Map<String, String> metadata, String... pages) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < pages.length; i++) {
      blocks.add(new Block(BlockType.PARAGRAPH, pages[i], "Section " + (i + 1), i + 1));
    }
    String name = location.substring(location.lastIndexOf('/') + 1);
    return new Document(name, location, "txt", blocks, metadata);
  }

  private static List<Source> sources(ElaviraAgent agent, String question) {
    return agent.ask(question).sources();
  }

  private List<String> vectorDocuments() {
    return vectors
        .search(
            new io.elavira.vector.SearchRequest(
                FakeEmbeddingModel.vector(PUMP + BOILER + SOLAR),
                1000,
                Filter.eq(VectorRecord.AGENT_ID, "default"),
                -1))
        .stream()
        .map(h -> h.metadata().get(VectorRecord.DOCUMENT_ID))
        .distinct()
        .toList();
  }

  @Test
  void listsEachDocumentWithStatusChunksSizePathFormatAndDates() {
    ElaviraAgent agent = open();
    Document guide =
        at("/home/ana/guide.txt", Map.of(DocumentInfo.SIZE_BYTES_METADATA, "1234"), PUMP, BOILER);
    String id = agent.index(guide, Docs.chunks(guide)).documentId();
    agent.index(at("/home/ana/solar.txt", SOLAR), Docs.chunks(at("/home/ana/solar.txt", SOLAR)));

    List<DocumentInfo> listed = agent.listDocuments();

    assertThat(listed).extracting(DocumentInfo::name).containsExactly("guide.txt", "solar.txt");
    DocumentInfo info = listed.get(0);
    assertThat(info.id()).isEqualTo(id);
    assertThat(info.status()).isEqualTo(DocumentStatus.READY);
    assertThat(info.chunkCount()).isEqualTo(2);
    assertThat(info.sizeBytes()).isEqualTo(1234L);
    assertThat(info.paths()).containsExactly("/home/ana/guide.txt");
    assertThat(info.format()).isEqualTo("txt");
    assertThat(info.ownerId()).isNull();
    assertThat(info.createdAt()).isBeforeOrEqualTo(info.updatedAt());
    assertThat(listed.get(1).sizeBytes()).as("no size given").isNull();
  }

  @Test
  void aReIndexKeepsTheCreationDateAndMovesTheUpdateDate() throws Exception {
    ElaviraAgent agent = open();
    Document v1 = at("/d/guide.txt", PUMP);
    agent.index(v1, Docs.chunks(v1));
    DocumentInfo before = agent.findDocument("/d/guide.txt").orElseThrow();
    // Dates are in milliseconds: let the clock tick once so the second write lands later.
    long written = System.currentTimeMillis();
    while (System.currentTimeMillis() == written) {
      Thread.onSpinWait();
    }
    Document v2 = at("/d/guide.txt", Map.of(DocumentInfo.SIZE_BYTES_METADATA, "99"), BOILER);
    agent.index(v2, Docs.chunks(v2));

    DocumentInfo after = agent.findDocument(before.id()).orElseThrow();

    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.updatedAt()).isAfter(before.updatedAt());
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.sizeBytes()).isEqualTo(99L);
  }

  @Test
  void findsADocumentByIdOrPathAndNothingForAnUnknownOneOrAnotherAgents() {
    ElaviraAgent agent = open();
    Document guide = at("/d/guide.txt", PUMP);
    String id = agent.index(guide, Docs.chunks(guide)).documentId();
    ElaviraAgent other =
        ElaviraAgent.builder().store(store).agentId("coach").embeddings(embeddings).build();
    opened.add(other);

    assertThat(agent.findDocument(id)).map(DocumentInfo::id).contains(id);
    assertThat(agent.findDocument("/d/guide.txt")).map(DocumentInfo::id).contains(id);
    assertThat(agent.findDocument("/d/none.txt")).isEmpty();
    assertThat(other.findDocument(id)).isEmpty();
    assertThat(other.findDocument("/d/guide.txt")).isEmpty();
  }

  @Test
  void removingADocumentDeletesItsRowsVectorsAndTheEmbeddingsOnlyItUsed() {
    ElaviraAgent agent = open();
    Document guide = at("/d/guide.txt", PUMP, BOILER);
    Document manual = at("/d/manual.txt", BOILER, SOLAR);
    String guideId = agent.index(guide, Docs.chunks(guide)).documentId();
    String manualId = agent.index(manual, Docs.chunks(manual)).documentId();
    String model = embeddings.modelId();

    DocumentInfo removed = agent.removeDocument("/d/guide.txt").orElseThrow();

    assertThat(removed.id()).isEqualTo(guideId);
    assertThat(agent.listDocuments()).extracting(DocumentInfo::id).containsExactly(manualId);
    assertThat(vectorDocuments()).containsExactly(manualId);
    assertThat(sources(agent, "How do I clean the pump filter?"))
        .extracting(Source::documentId)
        .doesNotContain(guideId);
    assertThat(store.documents().chunksOf(guideId)).isEmpty();
    assertThat(
            store
                .documents()
                .embeddings(model, List.of(ContentHash.of(PUMP), ContentHash.of(BOILER)))
                .keySet())
        .as("the boiler text is still held by the manual")
        .containsExactly(ContentHash.of(BOILER));
    assertThat(store.documents().changesSince("default", 0))
        .filteredOn(c -> c.documentId().equals(guideId))
        .singleElement()
        .satisfies(c -> assertThat(c.deleted()).isTrue());
    assertThat(store.audit().recent(10))
        .filteredOn(e -> e.action().equals("delete"))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).contains("guide.txt").doesNotContain("pump"));
    assertThat(agent.removeDocument(guideId)).as("already gone").isEmpty();
  }

  @Test
  void anotherAgentOnTheHomeStopsFindingARemovedDocumentAtItsNextQuestion() {
    ElaviraAgent writer = open();
    InMemoryVectorStore readerVectors = new InMemoryVectorStore();
    opened.add(readerVectors);
    ElaviraAgent reader =
        ElaviraAgent.builder().store(store).embeddings(embeddings).vectors(readerVectors).build();
    opened.add(reader);
    Document guide = at("/d/guide.txt", PUMP);
    String id = writer.index(guide, Docs.chunks(guide)).documentId();
    assertThat(sources(reader, "pump filter")).extracting(Source::documentId).contains(id);

    writer.removeDocument(id);

    assertThat(sources(reader, "pump filter")).isEmpty();
    assertThat(readerVectors.count(Filter.eq(VectorRecord.AGENT_ID, "default"))).isZero();
  }

  @Test
  void byteIdenticalFilesAreStoredEmbeddedAndShownOnceWithEveryPath() {
    ElaviraAgent agent = open();
    Document first = at("/home/ana/cv.txt", PUMP, BOILER);
    Document copy = at("/home/ana/backup/cv-copy.txt", PUMP, BOILER);

    IndexResult a = agent.index(first, Docs.chunks(first));
    int embedded = embeddings.embeddedTexts();
    IndexResult b = agent.index(copy, Docs.chunks(copy));

    assertThat(b.documentId()).isEqualTo(a.documentId());
    assertThat(b.status()).isEqualTo(IndexResult.Status.ADDED);
    assertThat(b.chunks()).isEqualTo(2);
    assertThat(embeddings.embeddedTexts()).isEqualTo(embedded);
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.paths())
                    .containsExactly("/home/ana/cv.txt", "/home/ana/backup/cv-copy.txt"));
    assertThat(vectors.count(Filter.eq(VectorRecord.AGENT_ID, "default"))).isEqualTo(2);
    List<Source> found = sources(agent, "How do I clean the heating pump filter?");
    assertThat(found).filteredOn(s -> s.text().equals(PUMP)).hasSize(1);
    assertThat(found.get(0).paths())
        .containsExactly("/home/ana/cv.txt", "/home/ana/backup/cv-copy.txt");
    assertThat(found.get(0).path()).isEqualTo("/home/ana/cv.txt");
    assertThat(found.get(0).document()).isEqualTo("cv.txt");
    assertThat(found.get(0).section()).isEqualTo("Section 1");
    assertThat(agent.index(copy, Docs.chunks(copy)).status())
        .isEqualTo(IndexResult.Status.UNCHANGED);
    assertThat(agent.index(first, Docs.chunks(first)).status())
        .isEqualTo(IndexResult.Status.UNCHANGED);
  }

  @Test
  void copiesIndexedAtTheSameTimeBecomeOneDocument() throws Exception {
    ElaviraAgent agent = open();
    int copies = 8;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<IndexResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < copies; i++) {
        Document copy = at("/d/copy-" + i + ".txt", PUMP, BOILER);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return agent.index(copy, Docs.chunks(copy));
                }));
      }
      start.countDown();
      for (Future<IndexResult> r : results) {
        r.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.paths()).hasSize(copies));
    assertThat(embeddings.embeddedTexts()).isEqualTo(2);
  }

  @Test
  void aCopyThatChangesLeavesTheSharedDocumentAndGetsItsOwn() {
    ElaviraAgent agent = open();
    Document first = at("/d/cv.txt", PUMP);
    Document copy = at("/d/cv-copy.txt", PUMP);
    String shared = agent.index(first, Docs.chunks(first)).documentId();
    agent.index(copy, Docs.chunks(copy));

    Document firstEdited = at("/d/cv.txt", SOLAR);
    IndexResult edited = agent.index(firstEdited, Docs.chunks(firstEdited));

    assertThat(edited.status()).isEqualTo(IndexResult.Status.UPDATED);
    assertThat(edited.documentId()).isNotEqualTo(shared);
    assertThat(agent.findDocument(shared))
        .hasValueSatisfying(
            d -> {
              assertThat(d.paths()).containsExactly("/d/cv-copy.txt");
              assertThat(d.name()).isEqualTo("cv-copy.txt");
            });
    assertThat(agent.findDocument("/d/cv.txt")).map(DocumentInfo::id).contains(edited.documentId());
    assertThat(sources(agent, "pump filter spring warm water"))
        .filteredOn(s -> s.text().equals(PUMP))
        .singleElement()
        .satisfies(s -> assertThat(s.paths()).containsExactly("/d/cv-copy.txt"));
    assertThat(sources(agent, "solar panels roof"))
        .filteredOn(s -> s.text().equals(SOLAR))
        .singleElement()
        .satisfies(s -> assertThat(s.paths()).containsExactly("/d/cv.txt"));
    assertThat(agent.index(firstEdited, Docs.chunks(firstEdited)).status())
        .isEqualTo(IndexResult.Status.UNCHANGED);
  }

  @Test
  void aFileThatBecomesACopyOfAnotherJoinsItsDocumentAndDropsItsOwn() {
    ElaviraAgent agent = open();
    Document guide = at("/d/guide.txt", PUMP);
    Document notes = at("/d/notes.txt", SOLAR);
    String guideId = agent.index(guide, Docs.chunks(guide)).documentId();
    String notesId = agent.index(notes, Docs.chunks(notes)).documentId();

    Document notesNowACopy = at("/d/notes.txt", PUMP);
    IndexResult result = agent.index(notesNowACopy, Docs.chunks(notesNowACopy));

    assertThat(result.documentId()).isEqualTo(guideId);
    assertThat(result.status()).isEqualTo(IndexResult.Status.UPDATED);
    assertThat(agent.listDocuments())
        .singleElement()
        .satisfies(d -> assertThat(d.paths()).containsExactly("/d/guide.txt", "/d/notes.txt"));
    assertThat(vectorDocuments()).containsExactly(guideId);
    assertThat(store.documents().changesSince("default", 0))
        .filteredOn(c -> c.documentId().equals(notesId))
        .extracting(DocumentChange::deleted)
        .containsExactly(true);
  }

  @Test
  void copiesOwnedByDifferentUsersStayApart() {
    ElaviraAgent agent = open();
    Document mine = at("/alice/cv.txt", PUMP);
    Document shared = at("/shared/cv.txt", PUMP);

    String a = agent.index(mine, Docs.chunks(mine), "alice").documentId();
    String s = agent.index(shared, Docs.chunks(shared)).documentId();

    assertThat(a).isNotEqualTo(s);
    assertThat(agent.listDocuments()).hasSize(2);
    assertThat(agent.ask("bob", "bob-1", "pump filter").sources())
        .extracting(Source::documentId)
        .containsOnly(s);
  }

  @Test
  void pruneRemovesThePathsUnderTheRootThatTheScanNoLongerFound() {
    ElaviraAgent agent = open();
    index(agent, at("/docs/kept.txt", PUMP));
    String goneId = index(agent, at("/docs/sub/gone.txt", BOILER));
    String copiedId = index(agent, at("/other/solar.txt", SOLAR));
    index(agent, at("/docs/solar-copy.txt", SOLAR));
    String siblingId =
        index(agent, at("/docs2/sibling.txt", "A sibling folder, not under the root."));

    List<RemovedLocation> removed = agent.prune("/docs/", List.of("/docs/kept.txt"));

    assertThat(removed)
        .containsExactly(
            new RemovedLocation("/docs/solar-copy.txt", copiedId, "solar-copy.txt", false),
            new RemovedLocation("/docs/sub/gone.txt", goneId, "gone.txt", true));
    assertThat(agent.listDocuments())
        .extracting(DocumentInfo::paths)
        .containsExactlyInAnyOrder(
            List.of("/docs/kept.txt"), List.of("/other/solar.txt"), List.of("/docs2/sibling.txt"));
    assertThat(vectorDocuments()).doesNotContain(goneId).contains(copiedId, siblingId);
    assertThat(store.audit().recent(1))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).isEqualTo("locations=2 documents=1"));
    assertThat(agent.prune("/docs", List.of("/docs/kept.txt")))
        .as("nothing left to prune")
        .isEmpty();
  }

  @Test
  void pruneRefusesABlankRoot() {
    ElaviraAgent agent = open();

    assertThatThrownBy(() -> agent.prune(" ", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root");
  }

  private static String index(ElaviraAgent agent, Document document) {
    return agent.index(document, Docs.chunks(document)).documentId();
  }
}
