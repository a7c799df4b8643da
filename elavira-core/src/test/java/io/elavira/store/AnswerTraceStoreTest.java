package io.elavira.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException;
import io.elavira.llm.Role;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.WorkerAnswer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer's route and consensus are stored in the same write as its text and read back by trace
 * id, after the home is reopened; a user reads only the traces of their own answers.
 */
class AnswerTraceStoreTest {
  @TempDir Path dir;

  static final Route ROUTE =
      new Route(
          "contracts",
          true,
          Route.Chain.LOCAL,
          List.of("agent 'contracts': asked for explicitly", "retrieval: the question may"));

  static final ConsensusOutcome CONSENSUS =
      new ConsensusOutcome(
          "merger",
          List.of(
              WorkerAnswer.answered(
                  "ollama",
                  "llama3.2",
                  "Forty euros.",
                  Duration.ofMillis(120),
                  new TokenUsage(9, 3)),
              WorkerAnswer.failed(
                  "llamacpp",
                  "qwen",
                  LlmException.Kind.TIMEOUT,
                  Duration.ofMillis(2000),
                  "llamacpp timed out after 2 s")),
          new Attempt("ollama", "judge", Attempt.Outcome.ANSWERED, null, Duration.ofMillis(80)),
          Duration.ofMillis(2081));

  private static List<StoredMessage> exchange(
      String conversation, String trace, @Nullable Route route, @Nullable ConsensusOutcome c) {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    return List.of(
        new StoredMessage(
            0,
            conversation,
            Role.USER,
            "What does cancelling cost?",
            null,
            null,
            0,
            0,
            0,
            trace,
            at),
        new StoredMessage(
            0,
            conversation,
            Role.ASSISTANT,
            "Forty euros.",
            "consensus",
            "merger",
            12,
            4,
            2100,
            trace,
            at,
            List.of(
                new Attempt(
                    "ollama", "llama3.2", Attempt.Outcome.ANSWERED, null, Duration.ofMillis(120))),
            route,
            c));
  }

  @Test
  void theRouteAndEveryWorkerOfTheConsensusAreReadBackAfterReopening() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store
          .conversations()
          .recordExchange(
              "contracts", "alice", "c1", exchange("c1", "t1", ROUTE, CONSENSUS), "ask", "");
    }

    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      AnswerTrace trace = store.conversations().answer("t1").orElseThrow();

      assertThat(trace.agentId()).isEqualTo("contracts");
      assertThat(trace.answer().role()).isEqualTo(Role.ASSISTANT);
      assertThat(trace.answer().content()).isEqualTo("Forty euros.");
      assertThat(trace.route()).isEqualTo(ROUTE);
      assertThat(trace.consensus()).isEqualTo(CONSENSUS);
      ConsensusOutcome read = trace.consensus();
      assertThat(read.workers().get(1).text()).isNull();
      assertThat(read.workers().get(1).kind()).isEqualTo(LlmException.Kind.TIMEOUT);
      assertThat(read.workers().get(1).error()).isEqualTo("llamacpp timed out after 2 s");
      assertThat(store.conversations().answer("alice", "t1")).contains(trace);
      assertThat(store.conversations().recent("c1", 2).get(1)).isEqualTo(trace.answer());
    }
  }

  @Test
  void anAnswerWithoutRouteOrConsensusHasNeither() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store
          .conversations()
          .recordExchange("a1", "alice", "c1", exchange("c1", "t1", null, null), "ask", "");

      AnswerTrace trace = store.conversations().answer("t1").orElseThrow();

      assertThat(trace.route()).isNull();
      assertThat(trace.consensus()).isNull();
      assertThat(trace.answer().attempts()).hasSize(1);
    }
  }

  @Test
  void aUserReadsTheTraceOfTheirOwnAnswersOnly() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      ConversationStore conversations = store.conversations();
      conversations.recordExchange(
          "contracts", "alice", "c1", exchange("c1", "t1", ROUTE, CONSENSUS), "ask", "");
      conversations.recordExchange(
          "contracts", "bob", "c2", exchange("c2", "t2", ROUTE, null), "ask", "");

      assertThat(conversations.answer("alice", "t1")).isPresent();
      assertThat(conversations.answer("bob", "t1")).isEmpty();
      assertThat(conversations.answer("alice", "t2")).isEmpty();
      assertThat(conversations.answer("bob", "t2")).isPresent();
      assertThat(conversations.answer("alice", "unknown")).isEmpty();
      assertThat(conversations.answer("unknown")).isEmpty();
    }
  }

  @Test
  void aConsensusColumnEditedByHandIsAnErrorNamingTheMessage() {
    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      store
          .conversations()
          .recordExchange("a1", "alice", "c1", exchange("c1", "t1", null, CONSENSUS), "ask", "");
    }
    try (io.elavira.store.internal.Database db =
        io.elavira.store.internal.Database.open(
            dir.resolve("elavira.db"), java.time.Clock.systemUTC())) {
      db.write(
          "editing by hand",
          h -> h.execute("UPDATE messages SET consensus = '{\"workers\":[' WHERE trace_id = 't1'"));
    }

    try (ElaviraStore store = ElaviraStore.open(dir.resolve("elavira.db"))) {
      assertThatThrownBy(() -> store.conversations().answer("t1"))
          .isInstanceOf(ElaviraException.class)
          .hasMessageContaining("consensus stored with message")
          .hasMessageContaining("not readable");
    }
  }

  @Test
  void aTraceIsAnAnswersNeverAQuestions() {
    StoredMessage question = exchange("c1", "t1", null, null).get(0);

    assertThatThrownBy(() -> new AnswerTrace("a1", question))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USER");
  }

  @Test
  void itsTextIsNeverPrinted() {
    AnswerTrace trace = new AnswerTrace("a1", exchange("c1", "t1", ROUTE, CONSENSUS).get(1));

    assertThat(trace.toString()).doesNotContain("Forty euros").doesNotContain("euros");
  }
}
