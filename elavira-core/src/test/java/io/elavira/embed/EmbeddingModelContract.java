package io.elavira.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EmbeddingModel} must have. An implementation's test extends this class
 * and returns a ready model from {@link #model()}; it owns the model's lifecycle (typically built
 * once in {@code @BeforeAll} and closed in {@code @AfterAll}, as models are slow to load).
 */
public abstract class EmbeddingModelContract {

  /** The model under test, ready to use; the same instance may be returned on every call. */
  protected abstract EmbeddingModel model();

  /**
   * The least cosine similarity between two embeddings of the same text made in different calls
   * (alone or inside a batch). 1.0 for exact models; quantized models differ slightly.
   */
  protected double sameTextMinCosine() {
    return 0.99;
  }

  private static final List<String> TEXTS =
      List.of(
          "How do I cancel my booking?",
          "Comment annuler ma réservation d'hôtel ?",
          "The weather in Paris is sunny today, with a light breeze from the west and "
              + "temperatures around twenty degrees in the afternoon.",
          "Ok",
          "Der Zug nach München fährt um 14 Uhr ab.",
          "Les élèves ont déjà révisé leurs leçons de français avant l'examen de l'été.");

  @Test
  void returnsOneVectorOfTheDeclaredDimensionPerText() {
    List<float[]> vectors = model().embedAll(TEXTS);
    assertThat(model().dimension()).isPositive();
    assertThat(vectors).hasSize(TEXTS.size());
    assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(model().dimension()));
  }

  @Test
  void declaresNoWeakMatchThresholdOrOneThatIsACosine() {
    OptionalDouble threshold = model().weakMatchBelow();

    if (threshold.isPresent()) {
      assertThat(threshold.getAsDouble()).isBetween(-1.0, 1.0);
    }
  }

  @Test
  void returnsUnitLengthVectors() {
    for (float[] v : model().embedAll(TEXTS)) {
      assertThat(norm(v)).isCloseTo(1.0, offset(1e-3));
    }
  }

  @Test
  void keepsTheOrderOfTheTexts() {
    List<float[]> batch = model().embedAll(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] alone = model().embed(TEXTS.get(i));
      assertThat(cosine(batch.get(i), alone))
          .as("text %d embedded in a batch vs alone", i)
          .isGreaterThanOrEqualTo(sameTextMinCosine());
      for (int j = 0; j < TEXTS.size(); j++) {
        if (j != i) {
          assertThat(cosine(batch.get(j), alone))
              .as("text %d must be closer to itself than to text %d", i, j)
              .isLessThan(cosine(batch.get(i), alone));
        }
      }
    }
  }

  @Test
  void keepsTheOrderOfManyTextsOfMixedLengths() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add(("sentence number " + i + " ").repeat(1 + (i * 7) % 13));
    }
    List<float[]> vectors = model().embedAll(texts);
    assertThat(vectors).hasSize(texts.size());
    for (int i : new int[] {0, 13, 33, 34, 69}) {
      assertThat(cosine(vectors.get(i), model().embed(texts.get(i))))
          .as("text %d", i)
          .isGreaterThanOrEqualTo(sameTextMinCosine());
    }
  }

  @Test
  void givesTheSameVectorForTheSameTextWithinTolerance() {
    List<float[]> first = model().embedAll(TEXTS);
    List<float[]> second = model().embedAll(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(cosine(first.get(i), second.get(i))).isGreaterThanOrEqualTo(sameTextMinCosine());
    }
  }

  @Test
  void returnsAnEmptyListForNoTexts() {
    assertThat(model().embedAll(List.of())).isEmpty();
  }

  @Test
  void embedsTheEmptyText() {
    float[] v = model().embed("");
    assertThat(v).hasSize(model().dimension());
    assertThat(norm(v)).isCloseTo(1.0, offset(1e-3));
  }

  @Test
  void rejectsANullText() {
    List<String> withNull = new ArrayList<>();
    withNull.add("fine");
    withNull.add(null);
    assertThatThrownBy(() -> model().embedAll(withNull))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
  }

  @Test
  void embedsAQuestionAsAUnitVectorOfTheDeclaredDimension() {
    float[] question = model().embedQuery("How do I reset my password?");
    assertThat(question).hasSize(model().dimension());
    assertThat(norm(question)).isCloseTo(1.0, offset(1e-3));
    assertThat(model().queryModelId()).isNotBlank();
  }

  @Test
  void hasAStableModelId() {
    assertThat(model().modelId()).isNotBlank().isEqualTo(model().modelId());
  }

  /** Cosine similarity of two vectors. */
  protected static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  /** Euclidean norm of a vector. */
  protected static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }
}
