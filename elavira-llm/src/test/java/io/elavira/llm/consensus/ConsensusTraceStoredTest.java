package io.elavira.llm.consensus;

import static io.elavira.llm.consensus.StubWorker.answering;
import static io.elavira.llm.consensus.StubWorker.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.ElaviraAgent;
import io.elavira.llm.Attempt;
import io.elavira.llm.Attempt.Outcome;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.WorkerAnswer;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.AnswerTrace;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer made by a real {@link ConsensusProvider} (stub workers, one failing) keeps every
 * worker's answer or failure, its time and the merger in the home: read back by the answer's trace
 * id after the home is reopened, the same for {@code ask} and {@code stream}, and for a consensus
 * whose workers all failed.
 */
class ConsensusTraceStoredTest {
  @TempDir Path home;

  private static ConsensusProvider mergerConsensus() {
    return ConsensusProvider.builder()
        .worker(answering("alpha", "Paris"))
        .worker(failing("beta", Kind.AUTHENTICATION))
        .worker(answering("gamma", "Paris, France"))
        .merger(answering("judge", "Paris", " (merged)"))
        .build();
  }

  private static ElaviraAgent agent(Path home, ConsensusProvider consensus) {
    return ElaviraAgent.builder()
        .home(home)
        .embeddings(new ConsensusAgentEventsTest.TinyEmbeddings())
        .longTermMemory(LongTermMemory.off())
        .llm(consensus)
        .build();
  }

  private AnswerTrace reopenAndRead(String traceId) {
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
      return store.conversations().answer("alice", traceId).orElseThrow();
    }
  }

  @Test
  void everyWorkersAnswerOrFailureAndTheMergerAreReadBackAfterReopeningTheHome() {
    Answer answer;
    try (ConsensusProvider consensus = mergerConsensus();
        ElaviraAgent agent = agent(home, consensus)) {
      answer = agent.ask("alice", "c1", "What is the capital of France?");
    }

    AnswerTrace trace = reopenAndRead(answer.traceId());

    assertStoredAsAnswered(trace, answer);
  }

  @Test
  void aStreamedConsensusAnswerIsStoredTheSameWay() throws Exception {
    Answer answer;
    try (ConsensusProvider consensus = mergerConsensus();
        ElaviraAgent agent = agent(home, consensus)) {
      answer =
          agent.stream("alice", "c1", "What is the capital of France?", token -> {})
              .answer()
              .get(20, TimeUnit.SECONDS);
    }

    AnswerTrace trace = reopenAndRead(answer.traceId());

    assertStoredAsAnswered(trace, answer);
  }

  private static void assertStoredAsAnswered(AnswerTrace trace, Answer answer) {
    assertThat(trace.answer().content()).isEqualTo("Paris (merged)");
    assertThat(trace.agentId()).isEqualTo("default");
    ConsensusOutcome stored = trace.consensus();
    assertThat(stored).isNotNull();
    assertThat(stored).isEqualTo(toMillis(answer.consensus()));
    assertThat(stored.strategy()).isEqualTo("merger");
    assertThat(stored.workers())
        .extracting(WorkerAnswer::provider, WorkerAnswer::outcome, WorkerAnswer::text)
        .containsExactly(
            tuple("alpha", Outcome.ANSWERED, "Paris"),
            tuple("beta", Outcome.FAILED, null),
            tuple("gamma", Outcome.ANSWERED, "Paris, France"));
    assertThat(stored.workers().get(1).kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(stored.merger()).isNotNull();
    assertThat(stored.merger().provider()).isEqualTo("judge");
    assertThat(trace.answer().attempts()).hasSize(4);
  }

  @Test
  void aConsensusWhoseWorkersAllFailedIsStoredWithItsExtractiveAnswer() {
    Answer answer;
    try (ConsensusProvider consensus =
            ConsensusProvider.builder()
                .worker(failing("alpha", Kind.UNAVAILABLE))
                .worker(failing("beta", Kind.TIMEOUT))
                .merger(answering("judge", "never asked"))
                .build();
        ElaviraAgent agent = agent(home, consensus)) {
      answer = agent.ask("alice", "c1", "What is the capital of France?");
    }
    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);

    ConsensusOutcome stored = reopenAndRead(answer.traceId()).consensus();

    assertThat(stored).isEqualTo(toMillis(answer.consensus()));
    assertThat(stored.failedWorkers()).isEqualTo(2);
    assertThat(stored.merger()).isNull();
    assertThat(stored.workers())
        .extracting(WorkerAnswer::provider, WorkerAnswer::kind)
        .containsExactly(tuple("alpha", Kind.UNAVAILABLE), tuple("beta", Kind.TIMEOUT));
  }

  @Test
  void anotherUserCannotReadTheTrace() {
    Answer answer;
    try (ConsensusProvider consensus = mergerConsensus();
        ElaviraAgent agent = agent(home, consensus)) {
      answer = agent.ask("alice", "c1", "What is the capital of France?");
    }

    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
      assertThat(store.conversations().answer("mallory", answer.traceId())).isEmpty();
      assertThat(store.conversations().answer(answer.traceId())).isPresent();
    }
  }

  /** The outcome as the store keeps it: times in whole milliseconds. */
  private static ConsensusOutcome toMillis(@Nullable ConsensusOutcome outcome) {
    assertThat(outcome).isNotNull();
    Attempt merger = outcome.merger();
    return new ConsensusOutcome(
        outcome.strategy(),
        outcome.workers().stream()
            .map(
                w ->
                    new WorkerAnswer(
                        w.provider(),
                        w.model(),
                        w.outcome(),
                        w.kind(),
                        w.text(),
                        millis(w.latency()),
                        w.usage(),
                        w.error()))
            .toList(),
        merger == null
            ? null
            : new Attempt(
                merger.provider(),
                merger.model(),
                merger.outcome(),
                merger.kind(),
                millis(merger.elapsed())),
        millis(outcome.elapsed()));
  }

  private static Duration millis(Duration d) {
    return Duration.ofMillis(d.toMillis());
  }
}
