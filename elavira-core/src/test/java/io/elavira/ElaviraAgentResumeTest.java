package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.store.ElaviraStore;
import io.elavira.store.internal.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted ingestion loses nothing already embedded: each batch of embeddings is cached as
 * soon as the model returns it, so indexing the document again embeds only the rest.
 */
class ElaviraAgentResumeTest {
  /** 600 passages of ~4 KB: a 2.4 MB document, three batches of 256 texts for the model. */
  static final int PASSAGES = 600;

  static final int BATCH = 256;

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  ElaviraStore store;
  ElaviraAgent agent;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    agent = ElaviraAgent.builder().store(store).embeddings(embeddings).build();
  }

  @AfterEach
  void close() {
    agent.close();
    store.close();
  }

  static Document bigDocument(String location) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder filler = new StringBuilder();
    while (filler.length() < 4000) {
      filler.append(" the heating pump filter is cleaned with warm water every spring");
    }
    for (int i = 0; i < PASSAGES; i++) {
      blocks.add(new Block(BlockType.PARAGRAPH, "Passage number " + i + filler, null, null));
    }
    return new Document("big.txt", location, "txt", blocks, Map.of());
  }

  static List<Chunk> chunks(Document document) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < document.blocks().size(); i++) {
      chunks.add(new Chunk(i, document.blocks().get(i).text(), null, null, Map.of()));
    }
    return chunks;
  }

  @Test
  void aReRunAfterAnInterruptedIngestEmbedsOnlyTheChunksNotYetCached() {
    Document big = bigDocument("/d/big.txt");
    assertThat(big.text().length()).isGreaterThan(2_000_000);
    embeddings.failAfterCalls(2);

    assertThatThrownBy(() -> agent.index(big, chunks(big)))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("big.txt")
        .hasMessageContaining(2 * BATCH + " chunks embedded before the failure are cached");
    assertThat(embeddings.embeddedTexts()).isEqualTo(2 * BATCH);
    assertThat(agent.listDocuments()).as("nothing searchable was written").isEmpty();
    List<String> firstBatches =
        chunks(big).subList(0, 2 * BATCH).stream().map(c -> ContentHash.of(c.text())).toList();
    assertThat(store.documents().embeddings(embeddings.modelId(), firstBatches)).hasSize(2 * BATCH);

    embeddings.failing(false);
    IndexResult resumed = agent.index(big, chunks(big));

    assertThat(resumed.status()).isEqualTo(IndexResult.Status.ADDED);
    assertThat(resumed.chunks()).isEqualTo(PASSAGES);
    assertThat(embeddings.embeddedTexts()).isEqualTo(PASSAGES);
    assertThat(agent.ask("Passage number 599 heating pump").sources()).isNotEmpty();
  }

  @Test
  void aReRunOfAnInterruptedIndexAllEmbedsOnlyWhatWasNotCached() {
    Document big = bigDocument("/d/big.txt");
    Document other = ElaviraAgentDocumentsTest.at("/d/small.txt", "A small note on solar panels.");
    List<IndexRequest> requests =
        List.of(
            new IndexRequest(big, chunks(big), null),
            new IndexRequest(other, Docs.chunks(other), null));
    embeddings.failAfterCalls(1);

    assertThatThrownBy(() -> agent.indexAll(requests)).isInstanceOf(ElaviraException.class);
    assertThat(embeddings.embeddedTexts()).isEqualTo(BATCH);

    embeddings.failing(false);
    List<IndexResult> results = agent.indexAll(requests);

    assertThat(results).extracting(IndexResult::status).containsOnly(IndexResult.Status.ADDED);
    assertThat(embeddings.embeddedTexts()).isEqualTo(PASSAGES + 1);
  }
}
