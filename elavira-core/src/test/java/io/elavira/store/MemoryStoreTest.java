package io.elavira.store;

import static io.elavira.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreTest {
  @TempDir Path dir;
  ElaviraStore store;
  MemoryStore memory;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"), StoreFixtures.tickingClock());
    memory = store.memory();
    exchange("a1", "alice", "alice-1", "alice q1", "alice r1");
    exchange("a1", "alice", "alice-1", "alice q2", "alice r2");
    exchange("a1", "bob", "bob-1", "bob q1", "bob r1");
    exchange("a2", "alice", "a2-alice-1", "other agent q", "other agent r");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void exchange(String agent, String user, String conversation, String q, String r) {
    store
        .conversations()
        .recordExchange(
            agent,
            user,
            conversation,
            List.of(message(conversation, Role.USER, q), message(conversation, Role.ASSISTANT, r)),
            "ask",
            "test");
  }

  @Test
  void pendingExchangesAreTheUsersOwnPairsWithTheAgentWithTheirContentHash() {
    List<MemoryEntry> pending = memory.pendingExchanges("a1", "alice", 10);

    assertThat(pending)
        .extracting(MemoryEntry::question, MemoryEntry::answer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice q1", "alice r1"),
            org.assertj.core.groups.Tuple.tuple("alice q2", "alice r2"));
    assertThat(pending.get(0).contentHash())
        .isEqualTo(StoreFixtures.sha256("Question: alice q1\nAnswer: alice r1"));
    assertThat(memory.pendingExchanges("a1", "alice", 1)).hasSize(1);
    assertThat(memory.pendingExchanges("a1", "carol", 10)).isEmpty();
  }

  @Test
  void storedPairsAreNoLongerPendingAndAreReadOnlyByTheirUserAndAgent() {
    assertThat(memory.addEntries("a1", "alice", memory.pendingExchanges("a1", "alice", 10)))
        .isEqualTo(2);
    assertThat(memory.addEntries("a1", "bob", memory.pendingExchanges("a1", "bob", 10)))
        .isEqualTo(1);

    assertThat(memory.pendingExchanges("a1", "alice", 10)).isEmpty();
    assertThat(memory.entries("a1", "alice", "none"))
        .extracting(MemoryEntry::conversationId)
        .containsExactly("alice-1", "alice-1");
    assertThat(memory.entries("a1", "alice", "alice-1")).isEmpty();
    assertThat(memory.entries("a1", "bob", "none"))
        .extracting(MemoryEntry::question)
        .containsExactly("bob q1");
    assertThat(memory.entries("a2", "alice", "none")).isEmpty();
    assertThat(memory.entryHashes("a1", "alice", "none").values())
        .containsExactlyElementsOf(
            memory.entries("a1", "alice", "none").stream().map(MemoryEntry::contentHash).toList());
    assertThat(memory.entryHashes("a1", "alice", "none").keySet())
        .containsExactlyElementsOf(
            memory.entries("a1", "alice", "none").stream().map(MemoryEntry::id).toList());
    assertThat(memory.entryHashes("a1", "alice", "alice-1")).isEmpty();
    assertThat(memory.entryHashes("a1", "bob", "none")).hasSize(1);
    assertThat(memory.entryHashes("a2", "alice", "none")).isEmpty();
  }

  @Test
  void aPairOfAnotherUsersConversationIsNeverStoredUnderThisUser() {
    List<MemoryEntry> bobs = memory.pendingExchanges("a1", "bob", 10);

    assertThat(memory.addEntries("a1", "alice", bobs)).isZero();
    assertThat(memory.addEntries("a2", "bob", bobs)).isZero();
    assertThat(memory.entries("a1", "alice", "none")).isEmpty();
    assertThat(memory.pendingExchanges("a1", "bob", 10)).hasSize(1);
  }

  @Test
  void aSummaryIsSavedOnlyForTheUsersOwnConversation() {
    ConversationSummary summary =
        new ConversationSummary("bob-1", "bob's summary", 5, 2, false, Instant.EPOCH);

    assertThatThrownBy(() -> memory.saveSummary("a1", "alice", summary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bob-1");
    memory.saveSummary("a1", "bob", summary);
    memory.saveSummary(
        "a1", "bob", new ConversationSummary("bob-1", "v2", 6, 3, true, Instant.EPOCH));

    assertThat(memory.summary("a1", "bob", "bob-1"))
        .get()
        .extracting(ConversationSummary::text)
        .isEqualTo("v2");
    assertThat(memory.summary("a1", "alice", "bob-1")).isEmpty();
    assertThat(memory.summary("a2", "bob", "bob-1")).isEmpty();
  }

  @Test
  void messagesAndHistoryAreReadOnlyByTheConversationsUserAndAgent() {
    assertThat(memory.messagesBetween("a1", "alice", "alice-1", 0, Long.MAX_VALUE, 10)).hasSize(4);
    assertThat(memory.messagesBetween("a1", "bob", "alice-1", 0, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(memory.countMessagesBetween("a1", "bob", "alice-1", 0, Long.MAX_VALUE)).isZero();
    assertThat(store.conversations().recent("a1", "alice", "alice-1", 10)).hasSize(4);
    assertThat(store.conversations().recent("a1", "bob", "alice-1", 10)).isEmpty();
    assertThat(store.conversations().recent("a2", "alice", "alice-1", 10)).isEmpty();
  }
}
