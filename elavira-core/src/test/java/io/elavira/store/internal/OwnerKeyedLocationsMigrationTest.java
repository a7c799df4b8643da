package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V10 keys a document's path by agent and owner: a version 9 database keeps every
 * document, chunk, location, embedding and change, and then takes a second user's private document
 * at a path already used.
 */
class OwnerKeyedLocationsMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersionNineDatabaseKeepingEveryRowAndLettingAnotherOwnerUseTheSamePath() {
    try (Database db = Database.open(dir.resolve("elavira.db"), Clock.systemUTC())) {
      MigrationRunner.migrate(db, MigrationRunner.MIGRATIONS.subList(0, 9), MigrationRunner::load);
      db.write(
          "writing version 9 rows",
          h -> {
            h.execute("INSERT INTO agents (id, created_at) VALUES ('a1', 0)");
            h.execute("INSERT INTO users (id, created_at) VALUES ('u1', 0), ('u2', 0)");
            h.execute(
                "INSERT INTO documents (id, agent_id, owner_id, name, location, format,"
                    + " content_hash, status, version, chunk_count, created_at, updated_at,"
                    + " size_bytes) VALUES"
                    + " ('shared', 'a1', NULL, 'n.md', '/n.md', 'md', 'hs', 'READY', 2, 2, 1, 2,"
                    + " 40),"
                    + " ('mine', 'a1', 'u1', 'p.md', '/p.md', 'md', 'hp', 'READY', 1, 1, 3, 4,"
                    + " NULL)");
            h.execute(
                "INSERT INTO chunks (id, document_id, version, ordinal, text, section, page,"
                    + " content_hash, metadata) VALUES"
                    + " ('shared#0', 'shared', 2, 0, 's0', 'Intro', 1, 'x', '{\"k\":\"v\"}'),"
                    + " ('shared#1', 'shared', 2, 1, 's1', NULL, NULL, 'y', '{}'),"
                    + " ('mine#0', 'mine', 1, 0, 'p0', NULL, NULL, 'z', '{}')");
            h.execute(
                "INSERT INTO document_locations (agent_id, location, document_id, name, added_at)"
                    + " VALUES ('a1', '/n.md', 'shared', 'n.md', 1),"
                    + " ('a1', '/copy/n.md', 'shared', 'n.md', 5),"
                    + " ('a1', '/p.md', 'mine', 'p.md', 3)");
            h.execute(
                "INSERT INTO embeddings (model_id, content_hash, dimension, vector, created_at)"
                    + " VALUES ('m', 'x', 1, X'0000803F', 0)");
            h.execute(
                "INSERT INTO document_changes (document_id, agent_id, version, changed_at)"
                    + " VALUES ('shared', 'a1', 2, 2), ('mine', 'a1', 1, 4)");
            return null;
          });

      assertThat(MigrationRunner.migrate(db)).isEqualTo(9);

      SqlDocumentStore documents = new SqlDocumentStore(db);
      assertThat(documents.list("a1"))
          .extracting(DocumentRecord::id, DocumentRecord::ownerId, DocumentRecord::version)
          .containsExactlyInAnyOrder(tuple("shared", null, 2), tuple("mine", "u1", 1));
      assertThat(documents.chunksOf("shared"))
          .extracting(ChunkRecord::text, ChunkRecord::section, ChunkRecord::metadata)
          .containsExactly(tuple("s0", "Intro", Map.of("k", "v")), tuple("s1", null, Map.of()));
      assertThat(documents.chunksOf("mine")).extracting(ChunkRecord::text).containsExactly("p0");
      assertThat(documents.locations(List.of("shared", "mine")))
          .containsEntry("shared", List.of("/n.md", "/copy/n.md"))
          .containsEntry("mine", List.of("/p.md"));
      assertThat(documents.info("a1", "shared").map(DocumentInfo::sizeBytes)).contains(40L);
      assertThat(documents.embeddings("m", List.of("x"))).containsKey("x");
      assertThat(documents.lastChange("a1")).isEqualTo(2);
      assertThat(documents.findByLocation("a1", null, "/copy/n.md").map(DocumentRecord::id))
          .contains("shared");
      assertThat(documents.findByLocation("a1", "u1", "/p.md").map(DocumentRecord::id))
          .contains("mine");
      assertThat(documents.findByLocation("a1", null, "/p.md")).isEmpty();
      assertThat(documents.findByLocation("a1", "u2", "/p.md")).isEmpty();
      List<Map<String, Object>> violations =
          db.read(
              "checking foreign keys",
              h -> h.createQuery("PRAGMA foreign_key_check").mapToMap().list());
      assertThat(violations).isEmpty();

      // Another user's private document at the same path is a new document.
      DocumentRecord theirs =
          new DocumentRecord(
              "theirs",
              "a1",
              "u2",
              "p.md",
              "/p.md",
              "md",
              "ht",
              DocumentStatus.INDEXING,
              1,
              1,
              Instant.ofEpochMilli(9),
              null);
      documents.stage(
          theirs,
          List.of(new ChunkRecord("theirs#0", "theirs", 0, "t0", null, null, "t", Map.of())));
      assertThat(documents.publish(theirs)).isTrue();
      assertThat(documents.findByLocation("a1", "u2", "/p.md").map(DocumentRecord::id))
          .contains("theirs");
      assertThat(documents.findByLocation("a1", "u1", "/p.md").map(DocumentRecord::id))
          .contains("mine");
      assertThat(documents.locationsOf("a1", "u2")).containsExactly(Map.entry("/p.md", "theirs"));

      // The rebuilt tables still cascade from their document.
      assertThat(documents.remove("mine")).isTrue();
      assertThat(documents.chunksOf("mine", 1)).isEmpty();
      assertThat(documents.locations(List.of("mine"))).isEmpty();
      assertThat(documents.chunksOf("theirs")).extracting(ChunkRecord::text).containsExactly("t0");
    }
  }
}
