package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.embed.EmbeddingModel;
import io.elavira.store.ElaviraStore;
import io.elavira.store.IndexStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index follows the database: what another agent, store or process on the same home indexes or
 * deletes is visible to a running agent at its next question, without a restart; and chunks its
 * model cannot search are reported by {@link ElaviraAgent#indexStatus()}.
 */
class ElaviraAgentSyncTest {
  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
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

  private ElaviraAgent agentOn(ElaviraStore store, EmbeddingModel model) {
    return keep(ElaviraAgent.builder().store(store).embeddings(model).build());
  }

  private static List<String> sources(ElaviraAgent agent, String question) {
    return agent.ask(question).sources().stream().map(Source::text).toList();
  }

  @Test
  void aDocumentIndexedReIndexedOrDeletedByAnotherAgentIsSeenAtTheNextQuestion() {
    ElaviraStore store = keep(ElaviraStore.open(home.resolve("elavira.db")));
    // Two agents with the same id and their own in-memory indexes: two servers on one home.
    ElaviraAgent writer = agentOn(store, embeddings);
    ElaviraAgent reader = agentOn(store, embeddings);
    assertThat(sources(reader, ElaviraAgentReindexTest.OLD_QUESTION)).isEmpty();

    String documentId =
        writer
            .index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD))
            .documentId();

    assertThat(sources(reader, ElaviraAgentReindexTest.OLD_QUESTION))
        .anyMatch(t -> t.contains("filter"));

    writer.index(ElaviraAgentReindexTest.NEW, Docs.chunks(ElaviraAgentReindexTest.NEW));

    assertThat(sources(reader, ElaviraAgentReindexTest.NEW_QUESTION))
        .hasSize(3)
        .allMatch(t -> t.contains("solar"));
    assertThat(sources(reader, ElaviraAgentReindexTest.OLD_QUESTION))
        .noneMatch(t -> t.contains("filter"));

    store.documents().delete(documentId);

    assertThat(sources(reader, ElaviraAgentReindexTest.NEW_QUESTION)).isEmpty();
    assertThat(sources(writer, ElaviraAgentReindexTest.NEW_QUESTION)).isEmpty();
    assertThat(reader.indexStatus())
        .isEqualTo(new IndexStatus(embeddings.modelId(), 0, 0, 0, 0, 0));
  }

  @Test
  void anAgentWithAnotherModelEmbedsWhatAnotherAgentIndexedAndReportsWhatItCannot() {
    ElaviraStore store = keep(ElaviraStore.open(home.resolve("elavira.db")));
    RenamedModel other = new RenamedModel("other-model");
    ElaviraAgent writer = agentOn(store, embeddings);
    ElaviraAgent reader = agentOn(store, other);
    other.failing.set(true);

    writer.index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD));

    other.failing.set(false);
    assertThat(reader.indexStatus()).isEqualTo(new IndexStatus("other-model", 1, 0, 2, 0, 2));
    // Its next question embeds the document with its own model; only then the question.
    assertThat(sources(reader, ElaviraAgentReindexTest.OLD_QUESTION))
        .anyMatch(t -> t.contains("filter"));
    assertThat(reader.indexStatus().complete()).isTrue();
    assertThat(writer.indexStatus())
        .isEqualTo(new IndexStatus(embeddings.modelId(), 1, 0, 2, 2, 0));
  }

  @Test
  void chunksTheNewModelCannotEmbedAreReportedAndEmbeddedOnTheNextOpen() {
    try (ElaviraAgent first = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      first.index(ElaviraAgentReindexTest.OLD, Docs.chunks(ElaviraAgentReindexTest.OLD));
    }
    RenamedModel changed = new RenamedModel("changed-model");
    changed.failing.set(true); // e.g. its files are missing: it only fails when asked to embed

    try (ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(changed).build()) {
      IndexStatus status = agent.indexStatus();

      assertThat(status.modelId()).isEqualTo("changed-model");
      assertThat(status.documents()).isEqualTo(1);
      assertThat(status.chunks()).isEqualTo(2);
      assertThat(status.unsearchableChunks()).isEqualTo(2);
      assertThat(status.complete()).isFalse();
    }

    changed.failing.set(false);
    try (ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(changed).build()) {
      assertThat(agent.indexStatus().searchableChunks()).isEqualTo(2);
      assertThat(changed.embedded).hasValue(2); // re-embedded on open, before any question
      assertThat(sources(agent, ElaviraAgentReindexTest.OLD_QUESTION))
          .anyMatch(t -> t.contains("filter"));
    }
  }

  @Test
  void aDocumentIndexedThenDeletedByAnotherProcessIsSeenAtTheNextQuestion() throws Exception {
    ElaviraAgent server = keep(ElaviraAgent.builder().home(home).embeddings(embeddings).build());
    assertThat(sources(server, "When does the garage door open?")).isEmpty();

    runChild("index", home.toString(), "garage.txt", "The garage door opens at seven o'clock.");

    assertThat(sources(server, "When does the garage door open?"))
        .containsExactly("The garage door opens at seven o'clock.");
    String documentId = server.listDocuments().get(0).id();

    runChild("delete", home.toString(), documentId);

    assertThat(sources(server, "When does the garage door open?")).isEmpty();
    assertThat(server.listDocuments()).isEmpty();
  }

  static void runChild(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IndexInAnotherProcess.class.getName());
    command.addAll(List.of(args));
    File log = Files.createTempFile("elavira-child", ".log").toFile();
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    try {
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
      assertThat(child.exitValue()).as(Files.readString(log.toPath())).isZero();
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(log.toPath());
    }
  }

  /** The fake model's vectors under another model id, failing on demand. */
  static final class RenamedModel implements EmbeddingModel {
    final String id;
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger embedded = new AtomicInteger();

    RenamedModel(String id) {
      this.id = id;
    }

    @Override
    public String modelId() {
      return id;
    }

    @Override
    public int dimension() {
      return FakeEmbeddingModel.DIMENSION;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      if (failing.get()) {
        throw new ElaviraException("model " + id + " is unavailable");
      }
      embedded.addAndGet(texts.size());
      return texts.stream().map(FakeEmbeddingModel::vector).toList();
    }
  }
}
