package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.Role;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.WorkerAnswer;
import io.elavira.store.AnswerTrace;
import io.elavira.store.Rating;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V11 adds the consensus of an answer to its message: a version 10 database keeps every
 * conversation, message (with its attempts and route) and rating, and then stores a consensus with
 * a new answer.
 */
class AnswerConsensusMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersionTenDatabaseKeepingEveryMessageAndThenStoresAConsensus() {
    try (Database db = Database.open(dir.resolve("elavira.db"), Clock.systemUTC())) {
      MigrationRunner.migrate(db, MigrationRunner.MIGRATIONS.subList(0, 10), MigrationRunner::load);
      db.write(
          "writing version 10 rows",
          h -> {
            h.execute("INSERT INTO agents (id, created_at) VALUES ('a1', 0)");
            h.execute("INSERT INTO users (id, created_at) VALUES ('u1', 0)");
            h.execute(
                "INSERT INTO conversations (id, agent_id, user_id, created_at, updated_at)"
                    + " VALUES ('c1', 'a1', 'u1', 1, 2)");
            h.execute(
                "INSERT INTO messages (id, conversation_id, role, content, provider, model,"
                    + " input_tokens, output_tokens, latency_ms, trace_id, created_at, attempts,"
                    + " route) VALUES"
                    + " (1, 'c1', 'USER', 'q1', NULL, NULL, 0, 0, 0, 't1', 10, '[]', NULL),"
                    + " (2, 'c1', 'ASSISTANT', 'r1', 'ollama', 'llama3.2', 7, 3, 150, 't1', 11,"
                    + " '[{\"provider\":\"ollama\",\"model\":\"llama3.2\",\"outcome\":\"ANSWERED\","
                    + "\"kind\":null,\"ms\":140}]',"
                    + " '{\"agent\":\"a1\",\"retrieval\":true,\"chain\":\"LOCAL\","
                    + "\"reasons\":[\"agent picked\",\"local chain\"]}')");
            h.execute(
                "INSERT INTO feedback (message_id, user_id, rating, comment, created_at, scale)"
                    + " VALUES (2, 'u1', 1, 'good', 12, 'THUMBS')");
            return null;
          });

      assertThat(MigrationRunner.migrate(db)).isEqualTo(10);

      SqlConversationStore conversations = new SqlConversationStore(db);
      assertThat(conversations.recent("a1", "u1", "c1", 10))
          .extracting(StoredMessage::id, StoredMessage::role, StoredMessage::content)
          .containsExactly(tuple(1L, Role.USER, "q1"), tuple(2L, Role.ASSISTANT, "r1"));
      AnswerTrace old = conversations.answer("u1", "t1").orElseThrow();
      assertThat(old.agentId()).isEqualTo("a1");
      assertThat(old.answer().attempts())
          .containsExactly(
              new Attempt(
                  "ollama", "llama3.2", Attempt.Outcome.ANSWERED, null, Duration.ofMillis(140)));
      assertThat(old.route())
          .isEqualTo(
              new Route("a1", true, Route.Chain.LOCAL, List.of("agent picked", "local chain")));
      assertThat(old.consensus()).isNull();
      assertThat(new SqlFeedbackStore(db).list(null))
          .singleElement()
          .satisfies(f -> assertThat(f.rating()).isEqualTo(Rating.parse("+1")));

      ConsensusOutcome consensus =
          new ConsensusOutcome(
              "majority",
              List.of(
                  WorkerAnswer.answered(
                      "ollama", "llama3.2", "Paris", Duration.ofMillis(30), TokenUsage.NONE)),
              null,
              Duration.ofMillis(31));
      Instant now = Instant.ofEpochMilli(20);
      conversations.recordExchange(
          "a1",
          "u1",
          "c1",
          List.of(
              new StoredMessage(0, "c1", Role.USER, "q2", null, null, 0, 0, 0, "t2", now),
              new StoredMessage(
                  0,
                  "c1",
                  Role.ASSISTANT,
                  "Paris",
                  "consensus",
                  "majority",
                  0,
                  0,
                  31,
                  "t2",
                  now,
                  consensus.workers().stream().map(WorkerAnswer::toAttempt).toList(),
                  null,
                  consensus)),
          "ask",
          "");
      assertThat(conversations.answer("t2").map(AnswerTrace::consensus)).contains(consensus);
      List<Map<String, Object>> violations =
          db.read(
              "checking foreign keys",
              h -> h.createQuery("PRAGMA foreign_key_check").mapToMap().list());
      assertThat(violations).isEmpty();
    }
  }
}
