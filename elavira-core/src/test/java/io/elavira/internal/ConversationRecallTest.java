package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Role;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.DocumentStore;
import io.elavira.store.ElaviraStore;
import io.elavira.store.RecordingDocumentStore;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall's vectors: kept in memory by content hash between questions, within its limit. */
class ConversationRecallTest {
  static final List<String> TOPICS = List.of("salmon", "tennis", "violin", "garden", "paris");

  /** One component per topic word (and one for the rest): a question matches its topic only. */
  static final EmbeddingModel TOPIC_MODEL =
      new EmbeddingModel() {
        @Override
        public String modelId() {
          return "topics";
        }

        @Override
        public int dimension() {
          return TOPICS.size() + 1;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
          return texts.stream().map(ConversationRecallTest::topics).toList();
        }
      };

  @TempDir Path dir;
  ElaviraStore store;
  final List<String> documentCalls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
    for (String topic : TOPICS) {
      store
          .conversations()
          .recordExchange(
              "a1",
              "alice",
              "past-" + topic,
              List.of(
                  message("past-" + topic, Role.USER, "Tell me about " + topic),
                  message("past-" + topic, Role.ASSISTANT, "All about " + topic)),
              "ask",
              "test");
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static StoredMessage message(String conversationId, Role role, String content) {
    return new StoredMessage(
        0, conversationId, role, content, null, null, 0, 0, 0, null, Instant.EPOCH);
  }

  private static float[] topics(String text) {
    float[] v = new float[TOPICS.size() + 1];
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < TOPICS.size(); i++) {
      if (lower.contains(TOPICS.get(i))) {
        v[i] = 3; // not unit length: recall normalises
      }
    }
    v[TOPICS.size()] = 1;
    return v;
  }

  private ConversationRecall recall(long memoryFloats) {
    DocumentStore documents = counting(store.documents());
    return new ConversationRecall(
        store.memory(),
        new ChunkEmbedder(TOPIC_MODEL, documents),
        TOPIC_MODEL,
        LongTermMemory.defaults(),
        memoryFloats);
  }

  private static List<String> conversations(List<Source> recalled) {
    return recalled.stream().map(Source::documentId).toList();
  }

  @Test
  void aSecondQuestionScoresThePastExchangesFromMemoryWithoutReadingTheirVectorsAgain() {
    ConversationRecall recall = recall(ConversationRecall.DEFAULT_MEMORY_FLOATS);
    assertThat(conversations(recall.recall("a1", "alice", "now", "Any news on tennis?")))
        .startsWith("past-tennis");
    documentCalls.clear();

    List<Source> second = recall.recall("a1", "alice", "now", "And the violin?");

    assertThat(conversations(second)).startsWith("past-violin");
    assertThat(second.get(0).score()).isCloseTo(1.0, within()); // same direction, other lengths
    assertThat(documentCalls).as("no embedding read from the home").doesNotContain("embeddings");
  }

  @Test
  void pastExchangesBeyondTheMemoryLimitAreReadFromTheEmbeddingCacheWithTheSameResult() {
    // Room for one vector of six floats: the other four are read again at every question.
    ConversationRecall recall = recall(TOPIC_MODEL.dimension());
    recall.recall("a1", "alice", "now", "Any news on tennis?");
    documentCalls.clear();

    List<Source> second = recall.recall("a1", "alice", "now", "And the garden?");

    assertThat(conversations(second)).startsWith("past-garden");
    assertThat(documentCalls).contains("embeddings");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-5);
  }

  private DocumentStore counting(DocumentStore delegate) {
    return RecordingDocumentStore.wrap(delegate, (method, args) -> documentCalls.add(method));
  }
}
