package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.RecordingEmbeddingModel;
import io.elavira.vector.InMemoryVectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline embeds the next group of files while the indexer stores the previous one, so the
 * model does not wait for the store; what is indexed, and in which order, does not change.
 */
class EmbedAheadTest {
  @TempDir Path dir;

  private void writeFiles(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Files.writeString(
          dir.resolve(String.format("file-%02d.txt", i)), "Sentence number " + i + ".");
    }
  }

  /** Records embedAhead and indexAll calls, in the order they start, with their group sizes. */
  private static class AheadRecordingIndexer implements DocumentIndexer {
    final RecordingIndexer recording = new RecordingIndexer();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> aheadThreads = new CopyOnWriteArrayList<>();

    @Override
    public IndexResult index(Document document, List<Chunk> chunks) {
      return recording.index(document, chunks);
    }

    @Override
    public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
      return recording.index(document, chunks, ownerId);
    }

    @Override
    public List<IndexResult> indexAll(List<IndexRequest> requests) {
      events.add("index " + first(requests));
      return recording.indexAll(requests);
    }

    @Override
    public void embedAhead(List<IndexRequest> requests) {
      aheadThreads.add(Thread.currentThread().getName());
      events.add("ahead " + first(requests));
    }

    static String first(List<IndexRequest> requests) {
      return requests.get(0).document().name() + "+" + requests.size();
    }
  }

  @Test
  void embedsTheNextGroupAheadWhileTheIndexerStoresThePreviousOne() throws IOException {
    writeFiles(48); // one chunk each: groups of 8, 32 and the 8 left
    CountDownLatch secondGroupAhead = new CountDownLatch(1);
    AtomicBoolean storedWhileTheNextWasEmbedded = new AtomicBoolean();
    AheadRecordingIndexer indexer =
        new AheadRecordingIndexer() {
          @Override
          public List<IndexResult> indexAll(List<IndexRequest> requests) {
            if (requests.size() == 8) {
              try {
                // Storing the first group: the second one is handed to the model meanwhile.
                storedWhileTheNextWasEmbedded.set(secondGroupAhead.await(30, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return super.indexAll(requests);
          }

          @Override
          public void embedAhead(List<IndexRequest> requests) {
            super.embedAhead(requests);
            if (requests.size() == 32) {
              secondGroupAhead.countDown();
            }
          }
        };

    IngestReport report =
        IngestionPipeline.builder()
            .indexer(indexer)
            .batchChunks(64)
            .parallelism(1)
            .build()
            .ingest(List.of(dir));

    assertThat(storedWhileTheNextWasEmbedded).isTrue();
    assertThat(report.added()).isEqualTo(48);
    assertThat(indexer.recording.batches).containsExactly(8, 32, 8);
    // Every group is embedded ahead before it is indexed, on a thread other than the run's.
    assertThat(indexer.events)
        .containsSubsequence("ahead file-00.txt+8", "index file-00.txt+8")
        .containsSubsequence("ahead file-08.txt+32", "index file-08.txt+32")
        .containsSubsequence("ahead file-40.txt+8", "index file-40.txt+8")
        .hasSize(6);
    assertThat(indexer.aheadThreads).hasSize(3).doesNotContain(Thread.currentThread().getName());
    assertThat(indexer.recording.indexedNames()).hasSize(48).isSorted();
  }

  @Test
  void aFailingEmbedAheadLosesNoFileTheIndexerEmbedsThemItself() throws IOException {
    writeFiles(40);
    AheadRecordingIndexer indexer =
        new AheadRecordingIndexer() {
          @Override
          public void embedAhead(List<IndexRequest> requests) {
            throw new ElaviraException("model unavailable ahead");
          }
        };

    IngestReport report =
        IngestionPipeline.builder().indexer(indexer).batchChunks(64).build().ingest(List.of(dir));

    assertThat(report.added()).isEqualTo(40);
    assertThat(report.failed()).isZero();
    assertThat(indexer.recording.batches).containsExactly(8, 32);
  }

  @Test
  void failedFilesKeepTheirPlaceAmongGroupsEmbeddedAhead() throws IOException {
    writeFiles(20);
    Files.writeString(dir.resolve("file-08-empty.txt"), ""); // fails EMPTY right after group 1
    Files.writeString(dir.resolve("file-99-empty.txt"), ""); // and at the very end
    AheadRecordingIndexer indexer = new AheadRecordingIndexer();

    IngestReport report =
        IngestionPipeline.builder().indexer(indexer).batchChunks(64).build().ingest(List.of(dir));

    assertThat(report.outcomes())
        .extracting(o -> o.path().getFileName().toString())
        .isSorted()
        .hasSize(22);
    assertThat(report.added()).isEqualTo(20);
    assertThat(indexer.recording.batches).containsExactly(8, 12);
  }

  @Test
  void theAgentEmbedsEachGroupOfSmallFilesInOneModelCallAheadOfStoringIt(@TempDir Path home)
      throws IOException {
    writeFiles(40);
    RecordingEmbeddingModel model = new RecordingEmbeddingModel();

    IngestReport report;
    try (InMemoryVectorStore vectors = new InMemoryVectorStore();
        ElaviraAgent agent =
            ElaviraAgent.builder().home(home).embeddings(model).vectors(vectors).build()) {
      report =
          IngestionPipeline.builder().indexer(agent).batchChunks(64).build().ingest(List.of(dir));
      assertThat(agent.indexStatus().documents()).isEqualTo(40);
      assertThat(agent.indexStatus().searchableChunks()).isEqualTo(40);
    }

    assertThat(report.added()).isEqualTo(40);
    // The chunks of 8, then of 32 small files each go to the model in one call, every text once,
    // and never from the thread that stores (indexAll finds them cached).
    assertThat(model.calls).containsExactly(8, 32);
    assertThat(model.threads).hasSize(2).doesNotContain(Thread.currentThread().getName());
  }
}
