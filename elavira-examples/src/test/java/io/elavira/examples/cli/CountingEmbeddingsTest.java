package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.embed.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountingEmbeddingsTest {

  /** A model that embeds questions differently from passages, as e5 does with its prefixes. */
  private static final class PrefixedModel implements EmbeddingModel {
    @Override
    public String modelId() {
      return "prefixed";
    }

    @Override
    public String queryModelId() {
      return "prefixed+query";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public List<float[]> embedAll(List<String> batch) {
      List<float[]> vectors = new ArrayList<>();
      for (String ignored : batch) {
        vectors.add(new float[] {1f, 0f});
      }
      return vectors;
    }

    @Override
    public float[] embedQuery(String text) {
      return new float[] {0f, 1f};
    }
  }

  @Test
  void questionsKeepTheModelsQueryFormAndAreCounted() {
    CountingEmbeddings counting = new CountingEmbeddings(new PrefixedModel());

    assertThat(counting.embedQuery("Quand déclarer mes revenus ?")).containsExactly(0f, 1f);
    assertThat(counting.queryModelId()).isEqualTo("prefixed+query");
    assertThat(counting.embed("passage")).containsExactly(1f, 0f);
    assertThat(counting.texts()).isEqualTo(2);
  }
}
