package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.DocumentStore;
import io.elavira.store.ElaviraStore;
import io.elavira.store.RecordingDocumentStore;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSyncTest {
  /** Vectors by text length: enough to index, nothing here searches. */
  static final EmbeddingModel MODEL =
      new EmbeddingModel() {
        @Override
        public String modelId() {
          return "length";
        }

        @Override
        public int dimension() {
          return 2;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
          return texts.stream().map(t -> new float[] {1, t.length()}).toList();
        }
      };

  @TempDir Path dir;
  ElaviraStore store;
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile @Nullable String failing;
  final InMemoryVectorStore readerVectors = new InMemoryVectorStore();
  final InMemoryVectorStore writerVectors = new InMemoryVectorStore();

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    readerVectors.close();
    writerVectors.close();
    store.close();
  }

  @Test
  void catchingUpWhenNothingChangedReadsTheChangeLogOnceAndNothingElse() {
    DocumentIndexWriter writer = writer(writerVectors, store.documents());
    writer.index(document("a.txt", "one", "two"), chunks("one", "two"), null);
    DocumentIndexWriter reader = writer(readerVectors, recording(store.documents()));
    new IndexRecovery("a1", MODEL, readerVectors, store.documents(), store.audit(), reader).run();
    calls.clear();

    reader.sync().catchUp();
    reader.sync().catchUp();

    assertThat(calls).containsExactly("changesSince", "changesSince");
    assertThat(readerVectors.count(Filter.all())).isEqualTo(2);
  }

  @Test
  void catchingUpReloadsOnlyTheDocumentsChangedElsewhereAndSkipsItsOwnWrites() {
    DocumentIndexWriter writer = writer(writerVectors, store.documents());
    DocumentIndexWriter reader = writer(readerVectors, recording(store.documents()));
    new IndexRecovery("a1", MODEL, readerVectors, store.documents(), store.audit(), reader).run();
    String elsewhere =
        writer.index(document("a.txt", "one", "two"), chunks("one", "two"), null).documentId();
    reader.index(document("b.txt", "three"), chunks("three"), null);
    calls.clear();

    reader.sync().catchUp();

    assertThat(calls).containsExactly("changesSince", "byIds", "chunksOf", "embeddings");
    assertThat(readerVectors.count(Filter.eq(VectorRecord.DOCUMENT_ID, elsewhere))).isEqualTo(2);
    assertThat(readerVectors.count(Filter.all())).isEqualTo(3);
  }

  @Test
  void whenStagingOrPublishingFailsTheOldVersionStaysWholeAndTheNewVectorsAndRowsAreRemoved() {
    failing = "publish";
    DocumentIndexWriter writer = writer(writerVectors, recording(store.documents()));
    failing = null;
    String id =
        writer.index(document("a.txt", "one", "two"), chunks("one", "two"), null).documentId();

    for (String step : List.of("stage", "publish")) {
      failing = step;
      assertThatThrownBy(() -> writer.index(document("a.txt", "three"), chunks("three"), null))
          .isInstanceOf(ElaviraException.class)
          .hasMessageContaining("a.txt")
          .hasMessageContaining("previous version stays searchable");
      failing = null;

      assertThat(store.documents().chunksOf(id))
          .extracting(c -> c.text())
          .containsExactly("one", "two");
      assertThat(store.documents().latestVersion(id)).isEqualTo(1); // the staged rows are gone
      assertThat(writerVectors.count(Filter.all())).isEqualTo(2);
      assertThat(
              store
                  .documents()
                  .chunks(store.documents().chunksOf(id).stream().map(c -> c.id()).toList()))
          .hasSize(2);
    }
  }

  private DocumentIndexWriter writer(InMemoryVectorStore vectors, DocumentStore documents) {
    return new DocumentIndexWriter("a1", MODEL, vectors, documents, store.audit());
  }

  private static Document document(String name, String... pages) {
    List<Block> blocks =
        java.util.Arrays.stream(pages)
            .map(p -> new Block(BlockType.PARAGRAPH, p, null, null))
            .toList();
    return new Document(name, "/docs/" + name, "txt", blocks, Map.of());
  }

  private static List<Chunk> chunks(String... texts) {
    return java.util.stream.IntStream.range(0, texts.length)
        .mapToObj(i -> new Chunk(i, texts[i], null, null, Map.of()))
        .toList();
  }

  private DocumentStore recording(DocumentStore delegate) {
    return RecordingDocumentStore.wrap(
        delegate,
        (method, args) -> {
          calls.add(method);
          if (method.equals(failing)) {
            throw new ElaviraException("test database: " + failing + " failed");
          }
        });
  }
}
