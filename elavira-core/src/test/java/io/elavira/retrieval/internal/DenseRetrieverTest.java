package io.elavira.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.ElaviraStore;
import io.elavira.store.RecordingDocumentStore;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseRetrieverTest {
  /** Every text embeds to the same direction: the stored vectors alone decide the ranking. */
  static final EmbeddingModel QUERY_AXIS =
      new EmbeddingModel() {
        @Override
        public String modelId() {
          return "axis";
        }

        @Override
        public int dimension() {
          return 2;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
          return texts.stream().map(t -> new float[] {1, 0}).toList();
        }
      };

  @TempDir Path dir;
  ElaviraStore store;
  final InMemoryVectorStore vectors = new InMemoryVectorStore();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Collection<?>> documentLookups = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    store.close();
    vectors.close();
  }

  @Test
  void readsOnlyTheDocumentsOfTheHitsNeverTheAgentsWholeList() {
    for (int i = 0; i < 20; i++) {
      // Document 0 points along the query; the others further and further away.
      index("a1", "doc" + i + ".txt", null, new float[] {20 - i, i});
    }
    DenseRetriever retriever =
        new DenseRetriever(QUERY_AXIS, vectors, recording(store.documents()));

    List<Source> sources = retriever.retrieve(new RetrievalQuery("a1", "alice", "q", 3, -1));

    assertThat(sources)
        .extracting(Source::document)
        .containsExactly("doc0.txt", "doc1.txt", "doc2.txt");
    assertThat(sources.get(0).page()).isEqualTo(1);
    assertThat(calls).doesNotContain("list", "withStatus").contains("byIds");
    assertThat(documentLookups)
        .singleElement()
        .satisfies(
            ids -> assertThat(ids).hasSize(3).allMatch(id -> ((String) id).startsWith("a1:")));
  }

  @Test
  void skipsAHitWhoseDocumentIsPrivateToAnotherUserOrGone() {
    index("a1", "mine.txt", "alice", new float[] {1, 0});
    index("a1", "theirs.txt", "bob", new float[] {1, 0});
    String gone = index("a1", "gone.txt", null, new float[] {1, 0});
    store.documents().delete(gone); // the index lags behind the delete
    DenseRetriever retriever = new DenseRetriever(QUERY_AXIS, vectors, store.documents());

    List<Source> sources = retriever.retrieve(new RetrievalQuery("a1", "alice", "q", 5, -1));

    assertThat(sources).extracting(Source::document).containsExactly("mine.txt");
  }

  @Test
  void aHitOnAVersionThatIsNotCurrentResolvesToNothingNeverToTheOtherVersionsText() {
    String id = index("a1", "guide.txt", null, new float[] {1, 0});
    // Version 2 staged with its vector, not yet published: the old version alone is seen.
    stage("a1", "guide.txt", null, 2, "new text", new float[] {1, 1});
    DenseRetriever retriever = new DenseRetriever(QUERY_AXIS, vectors, store.documents());
    RetrievalQuery query = new RetrievalQuery("a1", "alice", "q", 5, -1);

    assertThat(retriever.retrieve(query))
        .extracting(Source::text)
        .containsExactly("text of guide.txt");

    assertThat(store.documents().publish(record("a1", "guide.txt", null, 2))).isTrue();

    // The old vector is still in the index (its delete comes after the publish) and scores best.
    assertThat(vectors.count(io.elavira.vector.Filter.eq(VectorRecord.DOCUMENT_ID, id)))
        .isEqualTo(2);
    assertThat(retriever.retrieve(query)).extracting(Source::text).containsExactly("new text");
  }

  /** Stages and publishes a one-chunk document and indexes its vector; returns its id. */
  private String index(String agentId, String name, String ownerId, float[] vector) {
    stage(agentId, name, ownerId, 1, "text of " + name, vector);
    store.documents().publish(record(agentId, name, ownerId, 1));
    return agentId + ":" + name;
  }

  /** Stages a one-chunk version of a document and indexes its vector. */
  private void stage(
      String agentId, String name, String ownerId, int version, String text, float[] vector) {
    String id = agentId + ":" + name;
    String chunkId = id + "@" + version + "#0";
    store
        .documents()
        .stage(
            record(agentId, name, ownerId, version),
            List.of(new ChunkRecord(chunkId, id, 0, text, "Intro", 1, "c-" + text, Map.of())));
    vectors.upsert(
        List.of(
            new VectorRecord(chunkId, vector, VectorRecord.chunkMetadata(agentId, id, ownerId))));
  }

  private static DocumentRecord record(String agentId, String name, String ownerId, int version) {
    String id = agentId + ":" + name;
    return new DocumentRecord(
        id,
        agentId,
        ownerId,
        name,
        "/docs/" + name,
        "txt",
        "hash-" + name + "-" + version,
        DocumentStatus.INDEXING,
        version,
        1,
        Instant.EPOCH);
  }

  /** The store, recording the name of every method called and the ids of every document lookup. */
  private DocumentStore recording(DocumentStore delegate) {
    return RecordingDocumentStore.wrap(
        delegate,
        (method, args) -> {
          calls.add(method);
          if (method.equals("byIds") && args != null) {
            documentLookups.add(new ArrayList<>((Collection<?>) args[0]));
          }
        });
  }
}
