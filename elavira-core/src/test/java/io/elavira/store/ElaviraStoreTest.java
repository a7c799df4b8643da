package io.elavira.store;

import static io.elavira.store.StoreFixtures.document;
import static io.elavira.store.StoreFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.llm.Role;
import io.elavira.store.internal.MigrationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElaviraStoreTest {
  @TempDir Path dir;

  @Test
  void createsParentDirectoriesAndTheDatabaseFile() {
    Path file = dir.resolve("a/b/elavira.db");
    try (ElaviraStore store = ElaviraStore.open(file)) {
      assertThat(store.databaseFile()).isEqualTo(file.toAbsolutePath());
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void appliesMigrationsOnceAndReopensWithoutReapplyingThem() throws SQLException {
    Path file = dir.resolve("elavira.db");
    ElaviraStore.open(file).close();
    ElaviraStore.open(file).close();
    ElaviraStore.open(file).close();

    assertThat(query(file, "SELECT COUNT(*) FROM schema_version"))
        .isEqualTo(MigrationRunner.latestVersion());
    assertThat(query(file, "SELECT MAX(version) FROM schema_version"))
        .isEqualTo(MigrationRunner.latestVersion());
  }

  @Test
  void usesWriteAheadLogging() throws SQLException {
    Path file = dir.resolve("elavira.db");
    ElaviraStore.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void refusesADatabaseWrittenByANewerSchemaAndLeavesItUnchanged() throws SQLException {
    Path file = dir.resolve("elavira.db");
    ElaviraStore.open(file).close();
    int newer = MigrationRunner.latestVersion() + 7;
    execute(
        file,
        "INSERT INTO schema_version (version, description, checksum, applied_at) "
            + "VALUES ("
            + newer
            + ", 'future', 'x', 0)");

    assertThatThrownBy(() -> ElaviraStore.open(file))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("schema version " + newer)
        .hasMessageContaining("up to version " + MigrationRunner.latestVersion())
        .hasMessageContaining("Upgrade Elavira");
    assertThat(query(file, "SELECT MAX(version) FROM schema_version")).isEqualTo(newer);
  }

  @Test
  void refusesADatabaseWhoseAppliedMigrationWasEditedNamingTheFileAndLeavesItUnchanged()
      throws SQLException {
    Path file = dir.resolve("elavira.db");
    ElaviraStore.open(file).close();
    // What a database looks like when the file it was migrated with differs from this build's.
    execute(file, "UPDATE schema_version SET checksum = 'edited' WHERE version = 2");

    assertThatThrownBy(() -> ElaviraStore.open(file))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("V2__versioned_chunks_and_change_log.sql")
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("edited after it was applied")
        .hasMessageContaining("Restore the released");
    assertThat(queryText(file, "SELECT checksum FROM schema_version WHERE version = 2"))
        .isEqualTo("edited");
    execute(file, "UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
    assertThatThrownBy(() -> ElaviraStore.open(file)).hasMessageContaining("V1__init.sql");
  }

  @Test
  void recordsTheMissingChecksumsOfAnEarlyDatabaseOnOpen() throws SQLException {
    Path reference = dir.resolve("reference.db");
    ElaviraStore.open(reference).close();
    Path file = dir.resolve("elavira.db");
    ElaviraStore.open(file).close();
    execute(file, "UPDATE schema_version SET checksum = ''");

    ElaviraStore.open(file).close();

    for (int version = 1; version <= MigrationRunner.latestVersion(); version++) {
      String sql = "SELECT checksum FROM schema_version WHERE version = " + version;
      assertThat(queryText(file, sql)).hasSize(64).isEqualTo(queryText(reference, sql));
    }
  }

  @Test
  void refusesAFileThatIsNotAnSqliteDatabase() throws Exception {
    Path file = dir.resolve("elavira.db");
    Files.writeString(
        file, "this is not a database, just some text that is long enough ".repeat(20));

    assertThatThrownBy(() -> ElaviraStore.open(file))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(file.toAbsolutePath().toString());
  }

  @Test
  void keepsEverythingAcrossCloseAndReopen() {
    Path file = dir.resolve("elavira.db");
    DocumentRecord doc = document("a1", "alice", "notes.txt", "v1");
    try (ElaviraStore store = ElaviraStore.open(file)) {
      store.conversations().ensureConversation("a1", "alice", "c1");
      store
          .conversations()
          .append(
              List.of(
                  message("c1", Role.USER, "Bonjour"), message("c1", Role.ASSISTANT, "Salut !")));
      StoreFixtures.publish(store.documents(), doc, "un", "deux");
      store
          .documents()
          .putEmbeddings(
              "m",
              Map.of(
                  StoreFixtures.sha256("un"),
                  new float[] {1, 2},
                  StoreFixtures.sha256("deux"),
                  new float[] {3, 4}));
      store.audit().record("ingest", "alice", "a1", "notes.txt");
    }
    try (ElaviraStore store = ElaviraStore.open(file)) {
      assertThat(store.conversations().conversationIds("a1", "alice")).containsExactly("c1");
      assertThat(store.conversations().recent("c1", 10))
          .extracting(StoredMessage::content)
          .containsExactly("Bonjour", "Salut !");
      assertThat(store.documents().list("a1"))
          .singleElement()
          .satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.READY));
      assertThat(store.documents().chunksOf(doc.id()))
          .extracting(ChunkRecord::text)
          .containsExactly("un", "deux");
      assertThat(store.documents().indexRecords("a1", "m")).hasSize(2);
      assertThat(store.audit().recent(10))
          .extracting(AuditLog.Entry::action)
          .containsExactly("ingest");
    }
  }

  @Test
  void refusesEveryCallOnceClosed() {
    ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"));
    ConversationStore conversations = store.conversations();
    DocumentStore documents = store.documents();
    AuditLog audit = store.audit();
    store.close();
    store.close(); // idempotent

    assertThatThrownBy(store::documents)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> conversations.recent("c1", 5))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> conversations.append(List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> documents.list("a1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> documents.chunks(List.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> audit.record("x", null, null, null))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.databaseFile()).isNotNull();
  }

  @Test
  void keepsTheAuditLogNewestFirst() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store.audit().record("ingest", "alice", "a1", "3 files");
      store.audit().record("ask", "bob", "a1", null);
      store.audit().record("delete", null, null, "notes.txt");

      assertThat(store.audit().recent(2))
          .extracting(AuditLog.Entry::action)
          .containsExactly("delete", "ask");
      AuditLog.Entry first = store.audit().recent(3).get(2);
      assertThat(first.userId()).isEqualTo("alice");
      assertThat(first.agentId()).isEqualTo("a1");
      assertThat(first.details()).isEqualTo("3 files");
      assertThat(first.timestamp()).isNotNull();
    }
  }

  @Test
  void refusesASecondOpenOfTheSameFileInOneProcessAndAllowsItAfterClose() {
    Path file = dir.resolve("elavira.db");
    try (ElaviraStore first = ElaviraStore.open(file)) {
      first.conversations().ensureConversation("a1", "u1", "c1");

      assertThatThrownBy(() -> ElaviraStore.open(dir.resolve(".").resolve("elavira.db")))
          .isInstanceOf(ElaviraException.class)
          .hasMessageContaining(file.toAbsolutePath().toString())
          .hasMessageContaining("already open in this process");
      // The first store is untouched by the refused open.
      first.conversations().append(List.of(message("c1", Role.USER, "q")));
    }
    try (ElaviraStore again = ElaviraStore.open(file)) {
      assertThat(again.conversations().recent("c1", 10)).hasSize(1);
    }
  }

  static int query(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static String queryText(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void execute(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
