package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.RecordingEmbeddingModel;
import io.elavira.store.ElaviraStore;
import io.elavira.store.internal.ContentHash;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big document is embedded in batches of {@link ChunkEmbedder#CACHE_BATCH} texts, each cached as
 * soon as the model returns it, whether it comes through {@link DocumentIndexWriter#index} or
 * {@link DocumentIndexWriter#indexAll}: the model never holds a whole document's token arrays (the
 * ONNX model encodes every text of a call up front), and a run that fails half-way resumes without
 * embedding again what was done.
 */
class DocumentIndexWriterSlicesTest {
  private static final int CHUNKS = 1_000;

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
  void aDocumentOfAThousandChunksIsEmbeddedInCallsOfAtMostOneSlice() {
    IndexResult result = writer().index(document(), chunks(), null);

    assertThat(result.chunks()).isEqualTo(CHUNKS);
    assertThat(calls).containsExactly(256, 256, 256, 232);
    assertThat(vectors.count(Filter.all())).isEqualTo(CHUNKS);
  }

  @Test
  void indexAllEmbedsTheNewChunksOfItsDocumentsInSlicesToo() {
    List<IndexResult> results =
        writer().indexAll(List.of(new IndexRequest(document(), chunks(), null)));

    assertThat(results).singleElement().extracting(IndexResult::chunks).isEqualTo(CHUNKS);
    assertThat(calls).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(256));
    assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(CHUNKS);
  }

  @Test
  void aModelFailingHalfWayKeepsTheSlicesDoneAndTheNextRunEmbedsOnlyTheRest() {
    model.failAt = 3;
    DocumentIndexWriter writer = writer();

    assertThatThrownBy(() -> writer.index(document(), chunks(), null))
        .isInstanceOf(ElaviraException.class);
    List<String> hashes = chunks().stream().map(c -> ContentHash.of(c.text())).toList();
    assertThat(store.documents().embeddings("recording", hashes)).hasSize(512);

    calls.clear();
    model.failAt = -1;
    IndexResult result = writer.index(document(), chunks(), null);

    assertThat(result.status()).isEqualTo(IndexResult.Status.ADDED);
    assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(CHUNKS - 512);
  }

  private DocumentIndexWriter writer() {
    return new DocumentIndexWriter("a1", model, vectors, store.documents(), store.audit());
  }

  private static Document document() {
    List<Block> blocks =
        IntStream.range(0, CHUNKS)
            .mapToObj(i -> new Block(BlockType.PARAGRAPH, text(i), null, null))
            .toList();
    return new Document("big.txt", "/docs/big.txt", "txt", blocks, Map.of());
  }

  private static List<Chunk> chunks() {
    return IntStream.range(0, CHUNKS)
        .mapToObj(i -> new Chunk(i, text(i), null, null, Map.of()))
        .toList();
  }

  private static String text(int i) {
    return "Paragraph " + i + " of the big document.";
  }
}
