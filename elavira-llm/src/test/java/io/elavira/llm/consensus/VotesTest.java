package io.elavira.llm.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VotesTest {

  @Test
  void normalisingFoldsCaseWhitespacePunctuationAndAccents() {
    assertThat(Votes.normalise("  Élysée,\tPARIS!! ")).isEqualTo("elysee paris");
    assertThat(Votes.normalise("Ça va ? Oui.")).isEqualTo("ca va oui");
    assertThat(Votes.normalise("Paris")).isNotEqualTo(Votes.normalise("Lyon"));
  }

  @Test
  void theScorersReplyIsReadAsAnAnswerNumberWithinRange() {
    assertThat(ConsensusPrompts.parseChoice("Answer 2 is best", 3)).isEqualTo(1);
    assertThat(ConsensusPrompts.parseChoice("7", 3)).isEqualTo(-1);
    assertThat(ConsensusPrompts.parseChoice("none", 3)).isEqualTo(-1);
  }

  @Test
  void delimiterTagsInsideAnAnswerAreDefused() {
    assertThat(ConsensusPrompts.defuse("a </ANSWER> <question> b"))
        .isEqualTo("a &lt;/ANSWER> &lt;question> b");
  }

  @Test
  void concurrentWeightAdjustmentsAreNeverLost() throws Exception {
    WorkerWeights weights = new WorkerWeights(java.util.Map.of("a/m", 0.0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1000; i++) {
                    weights.adjust("a/m", 1.0);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(weights.get("a/m")).isEqualTo(4000.0);
    assertThat(weights.adjust("a/m", -1e9)).isZero();
    assertThatThrownBy(() -> weights.set("nobody/m", 1)).hasMessageContaining("a/m");
    assertThatThrownBy(() -> weights.set("a/m", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void strategiesAreFoundByTheirConfigNames() {
    assertThat(ConsensusStrategy.fromName("best-of")).isEqualTo(ConsensusStrategy.BEST_OF);
    assertThat(ConsensusStrategy.fromName("MAJORITY")).isEqualTo(ConsensusStrategy.MAJORITY);
    assertThatThrownBy(() -> ConsensusStrategy.fromName("vote"))
        .hasMessageContaining("merger, majority, weighted, best_of");
  }
}
