package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.store.ChunkRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest {

  @Test
  void listsEverySqlFileOfTheMigrationDirectoryInVersionOrder()
      throws IOException, URISyntaxException {
    URL directory = MigrationRunner.class.getResource(MigrationRunner.LOCATION);
    assertThat(directory).isNotNull();
    List<String> files;
    try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
      files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
    }

    assertThat(MigrationRunner.MIGRATIONS).containsExactlyInAnyOrderElementsOf(files);
    for (int i = 0; i < MigrationRunner.MIGRATIONS.size(); i++) {
      assertThat(MigrationRunner.MIGRATIONS.get(i)).startsWith("V" + (i + 1) + "__");
    }
  }

  @Test
  void everyMigrationIsValidUtf8Sql() {
    for (String name : MigrationRunner.MIGRATIONS) {
      assertThat(MigrationRunner.load(name)).containsAnyOf("CREATE TABLE", "ALTER TABLE");
    }
  }

  @TempDir Path dir;

  @Test
  void refusesAMigrationFileEditedAfterItWasAppliedButAcceptsOtherLineEndings() {
    List<String> v1 = List.of("V1__init.sql");
    try (Database db = Database.open(dir.resolve("elavira.db"), Clock.systemUTC())) {
      assertThat(MigrationRunner.migrate(db, v1, MigrationRunner::load)).isZero();

      assertThat(
              MigrationRunner.migrate(
                  db, v1, name -> MigrationRunner.load(name).replace("\n", "\r\n")))
          .isEqualTo(1);
      assertThatThrownBy(
              () ->
                  MigrationRunner.migrate(
                      db, v1, name -> MigrationRunner.load(name) + "\nDROP TABLE logs;\n"))
          .isInstanceOf(ElaviraException.class)
          .hasMessageContaining("Migration V1__init.sql")
          .hasMessageContaining("edited after it was applied")
          .hasMessageContaining("add the change as a new V<n>__<name>.sql");
    }
  }

  @Test
  void upgradesAVersionOneDatabaseKeepingReadyDocumentsSearchableAndStagingUnfinishedOnes() {
    try (Database db = Database.open(dir.resolve("elavira.db"), Clock.systemUTC())) {
      MigrationRunner.migrate(db, List.of("V1__init.sql"), MigrationRunner::load);
      db.write(
          "writing version 1 rows",
          h -> {
            h.execute("INSERT INTO agents (id, created_at) VALUES ('a1', 0)");
            h.execute(
                "INSERT INTO documents (id, agent_id, name, location, format, content_hash,"
                    + " status, version, chunk_count, created_at, updated_at) VALUES"
                    + " ('ready', 'a1', 'r.txt', '/r.txt', 'txt', 'h', 'READY', 3, 2, 0, 0),"
                    + " ('crashed', 'a1', 'c.txt', '/c.txt', 'txt', 'h', 'INDEXING', 2, 1, 0, 0)");
            h.execute(
                "INSERT INTO chunks (id, document_id, ordinal, text, content_hash) VALUES"
                    + " ('ready#0', 'ready', 0, 'r0', 'x'), ('ready#1', 'ready', 1, 'r1', 'y'),"
                    + " ('crashed#0', 'crashed', 0, 'c0', 'z')");
            return null;
          });

      assertThat(MigrationRunner.migrate(db)).isEqualTo(1);

      SqlDocumentStore documents = new SqlDocumentStore(db);
      assertThat(documents.chunks(List.of("ready#0", "ready#1", "crashed#0")))
          .extracting(ChunkRecord::text)
          .containsExactlyInAnyOrder("r0", "r1");
      assertThat(Objects.requireNonNull(documents.byIds(List.of("ready")).get("ready")).version())
          .isEqualTo(3);
      assertThat(
              Objects.requireNonNull(documents.byIds(List.of("crashed")).get("crashed")).version())
          .isZero();
      assertThat(documents.latestVersion("crashed")).isEqualTo(2);
      assertThat(documents.chunksOf("crashed", 2))
          .extracting(ChunkRecord::text)
          .containsExactly("c0");
      assertThat(documents.lastChange("a1")).isZero();
    }
  }

  @Test
  void upgradesAVersionTwoDatabaseGivingEachDocumentItsLocationAndAnUnknownSize() {
    try (Database db = Database.open(dir.resolve("elavira.db"), Clock.systemUTC())) {
      MigrationRunner.migrate(
          db,
          List.of("V1__init.sql", "V2__versioned_chunks_and_change_log.sql"),
          MigrationRunner::load);
      db.write(
          "writing version 2 rows",
          h -> {
            h.execute("INSERT INTO agents (id, created_at) VALUES ('a1', 0)");
            h.execute(
                "INSERT INTO documents (id, agent_id, name, location, format, content_hash,"
                    + " status, version, chunk_count, created_at, updated_at) VALUES"
                    + " ('d1', 'a1', 'r.txt', '/docs/r.txt', 'txt', 'h', 'READY', 1, 1, 5, 7)");
            h.execute(
                "INSERT INTO chunks (id, document_id, version, ordinal, text, content_hash)"
                    + " VALUES ('d1#0', 'd1', 1, 0, 'r0', 'x')");
            return null;
          });

      MigrationRunner.migrate(db);

      SqlDocumentStore documents = new SqlDocumentStore(db);
      assertThat(documents.findByLocation("a1", "/docs/r.txt")).map(d -> d.id()).contains("d1");
      assertThat(documents.infos("a1"))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.paths()).containsExactly("/docs/r.txt");
                assertThat(d.sizeBytes()).isNull();
                assertThat(d.createdAt().toEpochMilli()).isEqualTo(5);
                assertThat(d.updatedAt().toEpochMilli()).isEqualTo(7);
              });
    }
  }
}
