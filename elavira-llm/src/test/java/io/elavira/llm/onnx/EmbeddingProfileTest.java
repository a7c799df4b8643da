package io.elavira.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.retrieval.HybridRetriever;
import org.junit.jupiter.api.Test;

class EmbeddingProfileTest {

  @Test
  void presetsFollowTheirModelCards() {
    assertThat(EmbeddingProfile.presetNames())
        .containsExactly(
            "all-minilm-l6-v2",
            "e5-small-v2",
            "multilingual-e5-small",
            "paraphrase-multilingual-minilm-l12-v2");
    EmbeddingProfile e5 = EmbeddingProfile.named("e5-small-v2");
    assertThat(e5).isSameAs(EmbeddingProfile.E5_SMALL_V2);
    assertThat(e5.queryPrefix()).isEqualTo("query: ");
    assertThat(e5.passagePrefix()).isEqualTo("passage: ");
    assertThat(e5.pooling()).isEqualTo(EmbeddingProfile.Pooling.MEAN);
    assertThat(e5.normalize()).isTrue();
    assertThat(e5.maxLength()).isEqualTo(512);
    assertThat(e5.distinguishesQueries()).isTrue();
    assertThat(EmbeddingProfile.named("Multilingual-E5-Small").queryPrefix()).isEqualTo("query: ");
    EmbeddingProfile minilm = EmbeddingProfile.named("all-minilm-l6-v2");
    assertThat(minilm.queryPrefix()).isEmpty();
    assertThat(minilm.maxLength()).isEqualTo(256);
    assertThat(minilm.distinguishesQueries()).isFalse();
    assertThat(EmbeddingProfile.PARAPHRASE_MULTILINGUAL_MINILM_L12_V2.maxLength()).isEqualTo(128);
  }

  @Test
  void theMeasuredPresetsDeclareTheirWeakMatchThresholdAndNoOtherProfileDoes() {
    EmbeddingProfile describedAsThePreset =
        EmbeddingProfile.builder("e5-small-v2")
            .queryPrefix("query: ")
            .passagePrefix("passage: ")
            .build();

    assertThat(EmbeddingProfile.ALL_MINILM_L6_V2.weakMatchBelow())
        .hasValue(HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW);
    assertThat(EmbeddingProfile.E5_SMALL_V2.weakMatchBelow()).hasValue(0.87);
    assertThat(describedAsThePreset.weakMatchBelow()).as("the measured settings").hasValue(0.87);
    assertThat(EmbeddingProfile.E5_SMALL_V2.withMaxLength(128).weakMatchBelow())
        .as("not the measured settings")
        .isEmpty();
    assertThat(EmbeddingProfile.MULTILINGUAL_E5_SMALL.weakMatchBelow()).isEmpty();
    assertThat(EmbeddingProfile.PARAPHRASE_MULTILINGUAL_MINILM_L12_V2.weakMatchBelow()).isEmpty();
    assertThat(EmbeddingProfile.builder("bge-small").build().weakMatchBelow()).isEmpty();
  }

  @Test
  void anUnknownNameListsThePresets() {
    assertThatThrownBy(() -> EmbeddingProfile.named("bge-m3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bge-m3")
        .hasMessageContaining("e5-small-v2")
        .hasMessageContaining("EmbeddingProfile.builder");
  }

  @Test
  void aPresetIsIdentifiedByItsNameAndAnyChangeByAHashOfItsSettings() {
    EmbeddingProfile shorter = EmbeddingProfile.E5_SMALL_V2.withMaxLength(256);
    EmbeddingProfile same =
        EmbeddingProfile.builder("e5-small-v2")
            .queryPrefix("query: ")
            .passagePrefix("passage: ")
            .build();
    EmbeddingProfile cls =
        EmbeddingProfile.builder("e5-small-v2")
            .queryPrefix("query: ")
            .passagePrefix("passage: ")
            .pooling(EmbeddingProfile.Pooling.CLS)
            .build();

    assertThat(EmbeddingProfile.E5_SMALL_V2.id()).isEqualTo("e5-small-v2");
    assertThat(same).isEqualTo(EmbeddingProfile.E5_SMALL_V2);
    assertThat(same.isPreset()).isTrue();
    assertThat(same.id()).isEqualTo("e5-small-v2");
    assertThat(shorter.isPreset()).isFalse();
    assertThat(shorter.maxLength()).isEqualTo(256);
    assertThat(shorter.id()).matches("e5-small-v2-[0-9a-f]{8}");
    assertThat(cls.id()).matches("e5-small-v2-[0-9a-f]{8}").isNotEqualTo(shorter.id());
    assertThat(EmbeddingProfile.E5_SMALL_V2.withMaxLength(512))
        .isSameAs(EmbeddingProfile.E5_SMALL_V2);
    assertThat(EmbeddingProfile.builder("Bge-Small").build().name()).isEqualTo("bge-small");
  }

  @Test
  void theBuilderValidatesAtOnceAndTakesEachOptionOnce() {
    assertThatThrownBy(() -> EmbeddingProfile.builder("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> EmbeddingProfile.builder("x").maxLength(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLength");
    assertThatThrownBy(() -> EmbeddingProfile.builder("x").queryPrefix("a").queryPrefix("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("queryPrefix");
    assertThatThrownBy(() -> EmbeddingProfile.builder("x").normalize(false).normalize(true))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                EmbeddingProfile.builder("x")
                    .pooling(EmbeddingProfile.Pooling.CLS)
                    .pooling(EmbeddingProfile.Pooling.MEAN))
        .isInstanceOf(IllegalStateException.class);
    EmbeddingProfile defaults = EmbeddingProfile.builder("x").build();
    assertThat(defaults.pooling()).isEqualTo(EmbeddingProfile.DEFAULT_POOLING);
    assertThat(defaults.maxLength()).isEqualTo(EmbeddingProfile.DEFAULT_MAX_LENGTH);
    assertThat(defaults.normalize()).isTrue();
    assertThat(defaults.queryPrefix()).isEmpty();
  }
}
