package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.retrieval.WordOverlapIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weak-match threshold of an agent: set on the builder, else the embedding model's own, else
 * the default measured for all-MiniLM-L6-v2; and {@link Answer#weakMatch()} flipping exactly at it.
 * Real SQLite homes, the in-memory vector index, the bag-of-words test model.
 */
class WeakMatchThresholdTest {
  /** Shares "serviced", "the" and "boiler" with the second page of the bills: a middling match. */
  static final String QUESTION = "Who serviced the boiler in the cellar?";

  @TempDir Path dir;
  final FakeEmbeddingModel words = new FakeEmbeddingModel();
  private int homes;

  /** Indexes the bills in a new home, asks {@link #QUESTION} as the builder says, closes. */
  private Answer ask(EmbeddingModel model, UnaryOperator<ElaviraAgentBuilder> settings) {
    ElaviraAgentBuilder builder =
        ElaviraAgent.builder().home(dir.resolve("home-" + homes++)).embeddings(model);
    try (ElaviraAgent agent = settings.apply(builder).build()) {
      agent.index(ElaviraAgentHybridTest.BILLS, Docs.chunks(ElaviraAgentHybridTest.BILLS));
      return agent.ask(QUESTION);
    }
  }

  /** The best cosine of the question over the bills, as the agent's dense search scores it. */
  private double bestCosine() {
    Answer answer = ask(words, b -> b.retrieval(RetrievalMode.DENSE));
    assertThat(answer.sources()).isNotEmpty();
    return answer.sources().get(0).score();
  }

  @Test
  void theFlagFlipsExactlyAtTheConfiguredThresholdInDenseAndHybridRetrieval() {
    double best = bestCosine();

    for (RetrievalMode mode : List.of(RetrievalMode.DENSE, RetrievalMode.HYBRID)) {
      UnaryOperator<ElaviraAgentBuilder> retrieval =
          b -> mode == RetrievalMode.DENSE ? b : b.lexical(new WordOverlapIndex());
      Answer atBest = ask(words, b -> retrieval.apply(b).weakMatchBelow(best));
      Answer aboveBest = ask(words, b -> retrieval.apply(b).weakMatchBelow(Math.nextUp(best)));

      assertThat(atBest.weakMatch()).as("%s, threshold = best cosine", mode).isFalse();
      assertThat(aboveBest.weakMatch()).as("%s, threshold just above it", mode).isTrue();
      assertThat(aboveBest.text())
          .as("%s: the extractive answer says so", mode)
          .contains("no passage of your documents matches the question well");
      assertThat(atBest.text()).doesNotContain("matches the question well");
    }
  }

  @Test
  void withoutASettingTheModelsOwnThresholdApplies_andTheMiniLmDefaultWhenItHasNone() {
    double best = bestCosine();
    assertThat(best)
        .as("the question must score between the two thresholds compared here")
        .isGreaterThan(0.5)
        .isLessThan(HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW);

    assertThat(ask(words, b -> b).weakMatch()).as("no threshold anywhere: 0.62").isTrue();
    assertThat(ask(new Declaring(words, 0.5), b -> b).weakMatch())
        .as("the model declares 0.5")
        .isFalse();
    assertThat(ask(new Declaring(words, 0.5), b -> b.lexical(new WordOverlapIndex())).weakMatch())
        .as("hybrid: the model declares 0.5")
        .isFalse();
  }

  @Test
  void anExplicitSettingWinsOverTheModelsThreshold() {
    double best = bestCosine();

    assertThat(ask(new Declaring(words, 0.5), b -> b.weakMatchBelow(Math.nextUp(best))).weakMatch())
        .isTrue();
    assertThat(ask(new Declaring(words, 1.0), b -> b.weakMatchBelow(best)).weakMatch()).isFalse();
  }

  @Test
  void aBadThresholdIsRefusedNamingTheSetting() {
    for (double bad : new double[] {1.5, -1.01, Double.NaN}) {
      assertThatThrownBy(() -> ElaviraAgent.builder().weakMatchBelow(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(".weakMatchBelow(" + bad + ")")
          .hasMessageContaining("[-1, 1]");
    }
    assertThatThrownBy(() -> ElaviraAgent.builder().weakMatchBelow(0.5).weakMatchBelow(0.6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("weakMatchBelow(...) was already set to 0.5");
    ElaviraAgentBuilder lexicalOnly =
        ElaviraAgent.builder()
            .home(dir.resolve("lexical"))
            .embeddings(words)
            .lexical(new WordOverlapIndex())
            .retrieval(RetrievalMode.LEXICAL)
            .weakMatchBelow(0.5);
    assertThatThrownBy(lexicalOnly::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("weakMatchBelow")
        .hasMessageContaining("not LEXICAL");
    ElaviraAgentBuilder declaringTwo =
        ElaviraAgent.builder().home(dir.resolve("bad-model")).embeddings(new Declaring(words, 2));
    assertThatThrownBy(declaringTwo::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedding model " + words.modelId())
        .hasMessageContaining("weakMatchBelow() = 2.0");
  }

  /** The test model, declaring a measured threshold of its own. */
  private static final class Declaring implements EmbeddingModel {
    private final EmbeddingModel model;
    private final double weakMatchBelow;

    Declaring(EmbeddingModel model, double weakMatchBelow) {
      this.model = model;
      this.weakMatchBelow = weakMatchBelow;
    }

    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return model.embedAll(texts);
    }

    @Override
    public OptionalDouble weakMatchBelow() {
      return OptionalDouble.of(weakMatchBelow);
    }
  }
}
