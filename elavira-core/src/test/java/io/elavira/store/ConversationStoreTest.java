package io.elavira.store;

import static io.elavira.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationStoreTest {
  @TempDir Path dir;
  ElaviraStore store;
  ConversationStore conversations;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"), StoreFixtures.tickingClock());
    conversations = store.conversations();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void appendsMessagesWithIdsAndReturnsTheLastOnesOldestFirst() {
    conversations.ensureConversation("a1", "alice", "c1");
    List<StoredMessage> stored =
        conversations.append(
            List.of(
                message("c1", Role.USER, "q1"), message("c1", Role.ASSISTANT, "r1"),
                message("c1", Role.USER, "q2"), message("c1", Role.ASSISTANT, "r2")));

    assertThat(stored)
        .extracting(StoredMessage::id)
        .doesNotContain(0L)
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(conversations.recent("c1", 3))
        .extracting(StoredMessage::content)
        .containsExactly("r1", "q2", "r2");
    assertThat(conversations.recent("c1", 100)).isEqualTo(stored);
    assertThat(conversations.recent("c1", 0)).isEmpty();
    assertThat(conversations.recent("unknown", 5)).isEmpty();
  }

  @Test
  void keepsEveryFieldOfAMessage() {
    conversations.ensureConversation("a1", "alice", "c1");
    StoredMessage answer =
        new StoredMessage(
            0,
            "c1",
            Role.ASSISTANT,
            "Réponse",
            "ollama",
            "llama3.2",
            812,
            95,
            1_234,
            "trace-1",
            Instant.parse("2026-03-01T08:30:00.123Z"));

    StoredMessage stored = conversations.append(List.of(answer)).get(0);

    assertThat(conversations.recent("c1", 1)).containsExactly(stored);
    assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(answer);
  }

  @Test
  void roundTripsFrenchTextWithAccentsGuillemetsAndEmoji() {
    String text = "« Où est l'hôpital ? » — Ça coûte 12,50 € ; déjà vu 🙂👍🏽 Œuvre, naïve, Noël";
    conversations.ensureConversation("agent-é", "zoé", "conv-ç");
    conversations.append(List.of(message("conv-ç", Role.USER, text)));

    assertThat(conversations.recent("conv-ç", 1))
        .singleElement()
        .extracting(StoredMessage::content)
        .isEqualTo(text);
    assertThat(conversations.conversationIds("agent-é", "zoé")).containsExactly("conv-ç");
  }

  @Test
  void rejectsAConversationIdOwnedByAnotherAgentOrUser() {
    conversations.ensureConversation("a1", "alice", "c1");
    conversations.ensureConversation("a1", "alice", "c1"); // same owner: fine

    assertThatThrownBy(() -> conversations.ensureConversation("a1", "bob", "c1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c1");
    assertThatThrownBy(() -> conversations.ensureConversation("a2", "alice", "c1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c1");
    assertThat(conversations.conversationIds("a1", "bob")).isEmpty();
  }

  @Test
  void readsAConversationOnlyForTheAgentItBelongsTo() {
    conversations.ensureConversation("a1", "alice", "c1");
    conversations.append(
        List.of(message("c1", Role.USER, "q1"), message("c1", Role.ASSISTANT, "r1")));

    assertThat(conversations.recent("a1", "c1", 10))
        .extracting(StoredMessage::content)
        .containsExactly("q1", "r1");
    assertThat(conversations.recent("a1", "c1", 1))
        .extracting(StoredMessage::content)
        .containsExactly("r1");
    assertThat(conversations.recent("a2", "c1", 10)).isEmpty();
    assertThat(conversations.recent("a1", "unknown", 10)).isEmpty();
    assertThatThrownBy(() -> conversations.recent("a1", "c1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesMessagesOfAnUnknownConversationAndStoresNoneOfTheBatch() {
    conversations.ensureConversation("a1", "alice", "c1");

    assertThatThrownBy(
            () ->
                conversations.append(
                    List.of(message("c1", Role.USER, "q"), message("nope", Role.USER, "q"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ensureConversation");
    assertThat(conversations.recent("c1", 10)).isEmpty();
  }

  @Test
  void listsTheUsersConversationsMostRecentlyActiveFirst() {
    conversations.ensureConversation("a1", "alice", "old");
    conversations.ensureConversation("a1", "alice", "new");
    conversations.ensureConversation("a1", "alice", "empty");
    conversations.ensureConversation("a1", "bob", "bobs");
    conversations.ensureConversation("a2", "alice", "other-agent");
    conversations.append(List.of(message("new", Role.USER, "1")));
    conversations.append(List.of(message("old", Role.USER, "2")));

    assertThat(conversations.conversationIds("a1", "alice")).containsExactly("old", "new", "empty");
  }

  @Test
  void concurrentAppendsToDifferentConversationsAllLand() throws Exception {
    int threads = 8;
    int turnsPerThread = 25;
    for (int t = 0; t < threads; t++) {
      conversations.ensureConversation("a1", "user" + t, "c" + t);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String conversation = "c" + t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < turnsPerThread; i++) {
                    conversations.append(
                        List.of(
                            message(conversation, Role.USER, "q" + i),
                            message(conversation, Role.ASSISTANT, "r" + i)));
                    conversations.recent(conversation, 4);
                  }
                  return turnsPerThread;
                }));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(turnsPerThread);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      List<StoredMessage> all = conversations.recent("c" + t, 1_000);
      assertThat(all).hasSize(2 * turnsPerThread);
      assertThat(all.get(0).content()).isEqualTo("q0");
      assertThat(all.get(all.size() - 1).content()).isEqualTo("r" + (turnsPerThread - 1));
    }
  }
}
