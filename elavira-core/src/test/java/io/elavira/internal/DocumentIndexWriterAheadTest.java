package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.RecordingEmbeddingModel;
import io.elavira.store.DocumentStore;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DocumentIndexWriter#embedAhead} embeds and caches what a later {@code indexAll} of the
 * same documents needs, and writes nothing searchable; that {@code indexAll} then only stores, so a
 * pipeline can embed the next documents while the previous ones are stored.
 */
class DocumentIndexWriterAheadTest {
  @TempDir Path dir;
  ElaviraStore store;
  final InMemoryVectorStore vectors = new InMemoryVectorStore();

  final RecordingEmbeddingModel model = new RecordingEmbeddingModel();

  /** The number of texts of each embedAll call. */
  final List<Integer> calls = model.calls;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    vectors.close();
    store.close();
  }

  @Test
  void embedsTheNewChunksOfSeveralDocumentsInOneCallAndIndexAllThenOnlyStores() {
    DocumentIndexWriter writer = writer();
    List<IndexRequest> requests = List.of(request("a", 3), request("b", 4), request("c", 2));

    writer.embedAhead(requests);

    assertThat(calls).containsExactly(9);
    assertThat(vectors.count(Filter.all())).isZero();
    assertThat(store.documents().list("a1")).isEmpty();

    List<IndexResult> results = writer.indexAll(requests);

    assertThat(calls).containsExactly(9);
    assertThat(results)
        .extracting(IndexResult::status)
        .containsOnly(IndexResult.Status.ADDED)
        .hasSize(3);
    assertThat(vectors.count(Filter.all())).isEqualTo(9);
  }

  @Test
  void leavesOutTheDocumentsThatAreAlreadyCurrent() {
    DocumentIndexWriter writer = writer();
    writer.indexAll(List.of(request("a", 3)));
    calls.clear();

    writer.embedAhead(List.of(request("a", 3), request("b", 4)));

    assertThat(calls).containsExactly(4);
  }

  @Test
  void indexAllTakesWhatEmbedAheadComputedFromMemoryWithoutReadingTheCacheAgain() {
    Map<String, Integer> reads = new ConcurrentHashMap<>();
    DocumentStore documents = counting(store.documents(), reads);
    DocumentIndexWriter writer =
        new DocumentIndexWriter("a1", model, vectors, documents, store.audit());
    List<IndexRequest> requests = List.of(request("a", 3), request("b", 4));
    writer.embedAhead(requests);
    reads.clear();

    List<IndexResult> results = writer.indexAll(requests);

    assertThat(results).extracting(IndexResult::status).containsOnly(IndexResult.Status.ADDED);
    assertThat(calls).containsExactly(7);
    assertThat(reads).doesNotContainKey("embeddings");
    // Each document is looked up once, to be stored, not a second time to find what is new.
    assertThat(reads).containsEntry("findByLocation", 2);
    assertThat(vectors.count(Filter.all())).isEqualTo(7);
  }

  @Test
  void aGroupMixingDocumentsEmbeddedAheadAndOthersEmbedsOnlyTheOthers() {
    DocumentIndexWriter writer = writer();
    writer.embedAhead(List.of(request("a", 3)));
    writer.indexAll(List.of(request("a", 3)));
    writer.embedAhead(List.of(request("b", 4)));
    calls.clear();

    // c was never embedded ahead: its texts come from the model, b's from memory.
    List<IndexResult> results = writer.indexAll(List.of(request("b", 4), request("c", 2)));

    assertThat(results).extracting(IndexResult::status).containsOnly(IndexResult.Status.ADDED);
    assertThat(calls).containsExactly(2);
    assertThat(vectors.count(Filter.all())).isEqualTo(9);
    assertThat(writer.indexAll(List.of(request("a", 3))))
        .extracting(IndexResult::status)
        .containsExactly(IndexResult.Status.UNCHANGED);
  }

  /** A document store that counts the calls of each method by name. */
  private static DocumentStore counting(DocumentStore real, Map<String, Integer> counts) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          counts.merge(method.getName(), 1, Integer::sum);
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (DocumentStore)
        Proxy.newProxyInstance(
            DocumentStore.class.getClassLoader(), new Class<?>[] {DocumentStore.class}, handler);
  }

  private DocumentIndexWriter writer() {
    return new DocumentIndexWriter("a1", model, vectors, store.documents(), store.audit());
  }

  private static IndexRequest request(String name, int chunks) {
    List<String> texts =
        IntStream.range(0, chunks).mapToObj(i -> "Passage " + i + " of " + name + ".").toList();
    Document document =
        new Document(
            name + ".txt",
            "/docs/" + name + ".txt",
            "txt",
            texts.stream().map(t -> new Block(BlockType.PARAGRAPH, t, null, null)).toList(),
            Map.of());
    List<Chunk> list =
        IntStream.range(0, chunks)
            .mapToObj(i -> new Chunk(i, texts.get(i), null, null, Map.of()))
            .toList();
    return IndexRequest.shared(document, list);
  }
}
