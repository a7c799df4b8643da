package io.elavira.llm.consensus;

import static io.elavira.llm.consensus.StubWorker.answering;
import static io.elavira.llm.consensus.StubWorker.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.ElaviraAgent;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Attempt.Outcome;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.WorkerAnswer;
import io.elavira.memory.LongTermMemory;
import io.elavira.observe.AnswerEvent;
import io.elavira.observe.ConsensusEvent;
import io.elavira.observe.FallbackEvent;
import io.elavira.observe.ProviderAttemptEvent;
import io.elavira.observe.RecordingListener;
import io.elavira.observe.RetrievalEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent answering through a real {@link ConsensusProvider} (stub workers) tells its listeners
 * about the consensus, after the provider attempts, and keeps every worker's answer on the answer,
 * the same way for {@code ask} and {@code stream}.
 */
class ConsensusAgentEventsTest {
  @TempDir Path home;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final RecordingListener recorder = new RecordingListener();

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private ElaviraAgent agentWith(ConsensusProvider consensus) {
    opened.add(consensus);
    ElaviraAgent agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(new TinyEmbeddings())
            .longTermMemory(LongTermMemory.off())
            .llm(consensus)
            .listener(recorder)
            .build();
    opened.add(agent);
    return agent;
  }

  private static ConsensusProvider mergerConsensus() {
    return ConsensusProvider.builder()
        .worker(answering("alpha", "Paris"))
        .worker(failing("beta", Kind.AUTHENTICATION))
        .worker(answering("gamma", "Paris, France"))
        .merger(answering("judge", "Paris", " (merged)"))
        .build();
  }

  @Test
  void askFiresTheConsensusAfterItsAttemptsWithEveryWorkerAndTheMerger() {
    ElaviraAgent agent = agentWith(mergerConsensus());

    Answer answer = agent.ask("alice", "c1", "What is the capital of France?");

    assertThat(answer.text()).isEqualTo("Paris (merged)");
    assertConsensusEvents(answer);
  }

  @Test
  void streamFiresTheSameEventsAsAsk() throws Exception {
    ElaviraAgent agent = agentWith(mergerConsensus());
    StringBuilder streamed = new StringBuilder();

    Answer answer =
        agent.stream("alice", "c1", "What is the capital of France?", streamed::append)
            .answer()
            .get(20, TimeUnit.SECONDS);

    assertThat(streamed).hasToString("Paris (merged)");
    assertConsensusEvents(answer);
  }

  private void assertConsensusEvents(Answer answer) {
    List<Object> events = List.copyOf(recorder.events());
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "RetrievalEvent",
            "ProviderAttemptEvent",
            "ProviderAttemptEvent",
            "ProviderAttemptEvent",
            "ProviderAttemptEvent",
            "ConsensusEvent",
            "AnswerEvent");
    assertThat(events).noneMatch(FallbackEvent.class::isInstance);
    assertThat(events.subList(1, 5))
        .extracting(e -> ((ProviderAttemptEvent) e).attempt().provider())
        .containsExactly("alpha", "beta", "gamma", "judge");

    ConsensusEvent consensus = (ConsensusEvent) events.get(5);
    assertThat(consensus.traceId()).isEqualTo(answer.traceId());
    assertThat(consensus.agentId()).isEqualTo("default");
    assertThat(consensus.strategy()).isEqualTo("merger");
    assertThat(consensus.workers()).isEqualTo(3);
    assertThat(consensus.failedWorkers()).isEqualTo(1);
    assertThat(consensus.workerAnswers())
        .extracting(WorkerAnswer::provider, WorkerAnswer::outcome, WorkerAnswer::text)
        .containsExactly(
            tuple("alpha", Outcome.ANSWERED, "Paris"),
            tuple("beta", Outcome.FAILED, null),
            tuple("gamma", Outcome.ANSWERED, "Paris, France"));
    WorkerAnswer failed = consensus.workerAnswers().get(1);
    assertThat(failed.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(failed.error()).contains("beta failed with AUTHENTICATION");
    assertThat(consensus.merger()).isNotNull();
    assertThat(consensus.merger().provider()).isEqualTo("judge");
    assertThat(consensus.merger().outcome()).isEqualTo(Outcome.ANSWERED);
    // The wall time covers every worker and the merger, which ran after them.
    for (WorkerAnswer w : consensus.workerAnswers()) {
      assertThat(consensus.elapsed()).isGreaterThanOrEqualTo(w.latency());
    }
    assertThat(consensus.elapsed()).isGreaterThanOrEqualTo(consensus.merger().elapsed());

    assertThat(((RetrievalEvent) events.get(0)).traceId()).isEqualTo(answer.traceId());
    assertThat(((AnswerEvent) events.get(6)).provider()).isEqualTo("judge");

    // The answer keeps the same trace: every worker's answer, the merger and the time.
    ConsensusOutcome kept = answer.consensus();
    assertThat(kept).isNotNull();
    assertThat(kept.workers()).isEqualTo(consensus.workerAnswers());
    assertThat(kept.merger()).isEqualTo(consensus.merger());
    assertThat(kept.elapsed()).isEqualTo(consensus.elapsed());
    assertThat(answer.attempts()).hasSize(4);
  }

  @Test
  void aMajorityVoteHasNoMergerInItsEvent() {
    ElaviraAgent agent =
        agentWith(
            ConsensusProvider.builder()
                .strategy(ConsensusStrategy.MAJORITY)
                .worker(answering("alpha", "Paris"))
                .worker(answering("beta", "paris."))
                .worker(answering("gamma", "Lyon"))
                .build());

    Answer answer = agent.ask("alice", "c1", "What is the capital of France?");

    ConsensusEvent consensus =
        recorder.events().stream()
            .filter(ConsensusEvent.class::isInstance)
            .map(ConsensusEvent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(consensus.strategy()).isEqualTo("majority");
    assertThat(consensus.failedWorkers()).isZero();
    assertThat(consensus.merger()).isNull();
    assertThat(answer.text()).isEqualTo("Paris");
    assertThat(answer.consensus()).isNotNull();
  }

  @Test
  void aConsensusWhoseWorkersAllFailStillReportsThemBeforeTheExtractiveAnswer() {
    ElaviraAgent agent =
        agentWith(
            ConsensusProvider.builder()
                .worker(failing("alpha", Kind.UNAVAILABLE))
                .worker(failing("beta", Kind.AUTHENTICATION))
                .merger(answering("judge", "never asked"))
                .build());

    Answer answer = agent.ask("alice", "c1", "What is the capital of France?");

    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(recorder.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "RetrievalEvent",
            "ProviderAttemptEvent",
            "ProviderAttemptEvent",
            "ConsensusEvent",
            "AnswerEvent");
    ConsensusEvent consensus = (ConsensusEvent) recorder.events().get(3);
    assertThat(consensus.workers()).isEqualTo(2);
    assertThat(consensus.failedWorkers()).isEqualTo(2);
    assertThat(consensus.merger()).isNull();
    assertThat(consensus.workerAnswers())
        .extracting(WorkerAnswer::provider, WorkerAnswer::kind)
        .containsExactly(tuple("alpha", Kind.UNAVAILABLE), tuple("beta", Kind.AUTHENTICATION));
    assertThat(answer.consensus()).isNotNull();
    assertThat(answer.consensus().workers()).isEqualTo(consensus.workerAnswers());
  }

  @Test
  void aSingleProviderFiresNoConsensusEvent() {
    StubWorker single = answering("solo", "Paris");
    opened.add(single);
    ElaviraAgent agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(new TinyEmbeddings())
            .longTermMemory(LongTermMemory.off())
            .llm(single)
            .listener(recorder)
            .build();
    opened.add(agent);

    Answer answer = agent.ask("alice", "c1", "What is the capital of France?");

    assertThat(recorder.events()).noneMatch(ConsensusEvent.class::isInstance);
    assertThat(answer.consensus()).isNull();
  }

  /** A deterministic 8-dimension embedding of letter counts; enough for an empty home. */
  static final class TinyEmbeddings implements EmbeddingModel {
    @Override
    public String modelId() {
      return "tiny-test-embeddings";
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String text : texts) {
        float[] v = new float[8];
        v[0] = 1f;
        for (char c : text.toCharArray()) {
          v[c % 8] += 1f;
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (v[i] / Math.sqrt(norm));
        }
        out.add(v);
      }
      return out;
    }
  }
}
