package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents on one home and one store: one indexes ~50,000 chunks while the other answers 200
 * questions. Before agents shared one store, each opened its own pool and write lock on the same
 * file and this ended in SQLITE_BUSY. Prints the ask latencies (not asserted: measurements belong
 * in elavira-bench; the assertion is that nothing fails and nothing is lost).
 */
class SharedHomeLoadTest {
  static final int DOCUMENTS = 500;
  static final int CHUNKS_PER_DOCUMENT = 100;
  static final int QUESTIONS = 200;

  @TempDir Path home;

  @Test
  void oneAgentAnswersWhileAnotherIndexesFiftyThousandChunksOnTheSameHome() throws Exception {
    FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
        ElaviraAgent library =
            ElaviraAgent.builder().store(store).agentId("library").embeddings(embeddings).build();
        ElaviraAgent helpdesk =
            ElaviraAgent.builder()
                .store(store)
                .agentId("helpdesk")
                .embeddings(embeddings)
                .build()) {
      Document faq =
          Docs.document("faq.txt", "The helpdesk answers from nine to five on weekdays.");
      helpdesk.index(faq, Docs.chunks(faq));
      ExecutorService indexer = Executors.newSingleThreadExecutor();
      AtomicBoolean indexing = new AtomicBoolean(true);
      try {
        Future<Integer> indexed =
            indexer.submit(
                () -> {
                  try {
                    int chunks = 0;
                    for (int d = 0; d < DOCUMENTS; d += 10) {
                      List<IndexRequest> batch = new ArrayList<>();
                      for (int i = d; i < d + 10; i++) {
                        batch.add(request(i));
                      }
                      for (IndexResult r : library.indexAll(batch)) {
                        chunks += r.chunks();
                      }
                    }
                    return chunks;
                  } finally {
                    indexing.set(false);
                  }
                });
        long[] nanos = new long[QUESTIONS];
        int duringIndexing = 0;
        for (int q = 0; q < QUESTIONS; q++) {
          boolean wasIndexing = indexing.get();
          long started = System.nanoTime();
          Answer answer =
              helpdesk.ask("user-" + (q % 7), "conv-" + q, "When does the helpdesk answer?");
          nanos[q] = System.nanoTime() - started;
          duringIndexing += wasIndexing ? 1 : 0;
          // Users asked the same before: their own earlier exchange may be recalled too.
          assertThat(answer.sources())
              .filteredOn(s -> s.kind() == Source.Kind.DOCUMENT)
              .extracting(Source::document)
              .containsExactly("faq.txt");
        }

        assertThat(indexed.get(10, TimeUnit.MINUTES)).isEqualTo(DOCUMENTS * CHUNKS_PER_DOCUMENT);
        assertThat(library.listDocuments()).hasSize(DOCUMENTS);
        for (int q = 0; q < QUESTIONS; q++) {
          assertThat(helpdesk.history("conv-" + q, 10)).hasSize(2);
        }
        Arrays.sort(nanos);
        System.out.printf(
            "SharedHomeLoadTest: %d asks (%d while indexing %d chunks): p50 %.2f ms, p99 %.2f ms,"
                + " worst %.2f ms%n",
            QUESTIONS,
            duringIndexing,
            DOCUMENTS * CHUNKS_PER_DOCUMENT,
            nanos[QUESTIONS / 2] / 1e6,
            nanos[(int) (QUESTIONS * 0.99) - 1] / 1e6,
            nanos[QUESTIONS - 1] / 1e6);
      } finally {
        indexer.shutdownNow();
      }
    }
  }

  private static IndexRequest request(int d) {
    List<Block> blocks = new ArrayList<>();
    List<Chunk> chunks = new ArrayList<>();
    for (int c = 0; c < CHUNKS_PER_DOCUMENT; c++) {
      String text =
          "Catalogue " + d + " entry " + c + " lists book " + (d * 1000 + c) + " on shelf.";
      blocks.add(new Block(BlockType.PARAGRAPH, text, null, null));
      chunks.add(new Chunk(c, text, null, null, Map.of()));
    }
    return new IndexRequest(
        new Document(
            "catalogue-" + d + ".txt", "/lib/catalogue-" + d + ".txt", "txt", blocks, Map.of()),
        chunks,
        null);
  }
}
