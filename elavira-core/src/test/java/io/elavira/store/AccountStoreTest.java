package io.elavira.store;

import static io.elavira.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
  @TempDir Path dir;

  @Test
  void createsAnAccountOnceAndNeverOverwritesItsPassword() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      AccountStore accounts = store.accounts();

      assertThat(accounts.create("alice", "hash-1", "user")).isTrue();
      assertThat(accounts.create("alice", "hash-2", "admin")).isFalse();

      Account alice = accounts.find("alice").orElseThrow();
      assertThat(alice.passwordHash()).isEqualTo("hash-1");
      assertThat(alice.role()).isEqualTo("user");
      assertThat(alice.toString()).doesNotContain("hash-1");
      assertThat(accounts.anyWithRole("admin")).isFalse();
    }
  }

  @Test
  void aUserTheSdkCreatedHasNoAccountUntilGivenAPassword() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store.conversations().ensureConversation("default", "bob", "c1");
      assertThat(store.accounts().find("bob")).isEmpty();

      assertThat(store.accounts().create("bob", "hash", "admin")).isTrue();

      assertThat(store.accounts().find("bob")).isPresent();
      assertThat(store.accounts().anyWithRole("admin")).isTrue();
      assertThat(store.accounts().list()).extracting(Account::userId).containsExactly("bob");
    }
  }

  @Test
  void aRefreshTokenIsUsableOnceByItsOwnerBeforeItExpires() {
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      AccountStore accounts = store.accounts();
      accounts.create("alice", "h", "user");
      accounts.create("bob", "h", "user");
      accounts.addRefreshToken("t1", "alice", now.plusSeconds(60));
      accounts.addRefreshToken("t2", "alice", now.plusSeconds(60));

      assertThat(accounts.useRefreshToken("t1", "bob", now)).isFalse();
      assertThat(accounts.useRefreshToken("t1", "alice", now)).isTrue();
      assertThat(accounts.useRefreshToken("t1", "alice", now)).isFalse();
      assertThat(accounts.useRefreshToken("t2", "alice", now.plusSeconds(61))).isFalse();
    }
  }

  @Test
  void changingAPasswordReplacesTheHashRevokesOnlyThatUsersRefreshTokensAndIsAudited() {
    Instant now = Instant.now();
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      AccountStore accounts = store.accounts();
      accounts.create("alice", "old-hash", "user");
      accounts.create("bob", "bob-hash", "user");
      accounts.addRefreshToken("a1", "alice", now.plusSeconds(600));
      accounts.addRefreshToken("b1", "bob", now.plusSeconds(600));

      assertThat(accounts.changePassword("alice", "new-hash")).isTrue();

      assertThat(accounts.find("alice").orElseThrow().passwordHash()).isEqualTo("new-hash");
      assertThat(accounts.useRefreshToken("a1", "alice", now)).isFalse();
      assertThat(accounts.find("bob").orElseThrow().passwordHash()).isEqualTo("bob-hash");
      assertThat(accounts.useRefreshToken("b1", "bob", now)).isTrue();
      AuditLog.Entry entry = store.audit().recent(1).get(0);
      assertThat(entry.action()).isEqualTo("account.password");
      assertThat(entry.userId()).isEqualTo("alice");
      assertThat(entry.details()).isEqualTo("refreshTokensRevoked=1").doesNotContain("hash");
    }
  }

  @Test
  void changingThePasswordOfAUserWithoutAnAccountChangesNothing() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store.conversations().ensureConversation("default", "bob", "c1");

      assertThat(store.accounts().changePassword("bob", "hash")).isFalse();
      assertThat(store.accounts().changePassword("nobody", "hash")).isFalse();

      assertThat(store.accounts().find("bob")).isEmpty();
    }
  }

  @Test
  void aRevokedAccessTokenStaysRevoked() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      AccountStore accounts = store.accounts();
      assertThat(accounts.isRevoked("j1")).isFalse();

      accounts.revokeAccessToken("j1", Instant.now().plusSeconds(60));
      accounts.revokeAccessToken("j1", Instant.now().plusSeconds(60));

      assertThat(accounts.isRevoked("j1")).isTrue();
    }
  }

  @Test
  void deletesOnlyTheUsersOwnConversationWithItsMessages() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      ConversationStore conversations = store.conversations();
      conversations.recordExchange(
          "default",
          "alice",
          "c1",
          List.of(message("c1", Role.USER, "hello"), message("c1", Role.ASSISTANT, "hi")),
          "ask",
          "test");

      assertThat(conversations.delete("default", "bob", "c1")).isFalse();
      assertThat(conversations.recent("c1", 10)).hasSize(2);

      assertThat(conversations.delete("default", "alice", "c1")).isTrue();
      assertThat(conversations.recent("c1", 10)).isEmpty();
      assertThat(conversations.conversationIds("default", "alice")).isEmpty();
      assertThat(store.audit().recent(1).get(0).action()).isEqualTo("conversation.delete");
    }
  }
}
