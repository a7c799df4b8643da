package io.elavira.llm.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.elavira.llm.onnx.EmbeddingProfile.Pooling;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PoolerTest {
  // Two rows, width 3, dimension 2; row 0 has 2 real tokens (the third is padding), row 1 has 3.
  private static final float[] HIDDEN = {
    3, 4, 1, 0, 99, 99, //
    0, 2, 2, 2, 4, 2
  };
  private static final int[] LENGTHS = {2, 3};

  @Test
  void meanPoolingAveragesTheRealTokensOnly() {
    float[][] raw = Pooler.pool(FloatBuffer.wrap(HIDDEN), LENGTHS, 3, 2, Pooling.MEAN, false);

    assertThat(raw[0]).containsExactly(2f, 2f);
    assertThat(raw[1]).containsExactly(2f, 2f);
  }

  @Test
  void clsPoolingTakesTheFirstToken() {
    float[][] raw = Pooler.pool(FloatBuffer.wrap(HIDDEN), LENGTHS, 3, 2, Pooling.CLS, false);

    assertThat(raw[0]).containsExactly(3f, 4f);
    assertThat(raw[1]).containsExactly(0f, 2f);
  }

  @Test
  void normalisationScalesToUnitLengthWhenAsked() {
    float[][] unit = Pooler.pool(FloatBuffer.wrap(HIDDEN), LENGTHS, 3, 2, Pooling.CLS, true);
    float[][] rows = Pooler.rows(FloatBuffer.wrap(new float[] {3, 4, 0, 0}), 2, 2, true);

    assertThat(unit[0][0]).isCloseTo(0.6f, offset(1e-6f));
    assertThat(unit[0][1]).isCloseTo(0.8f, offset(1e-6f));
    assertThat(unit[1]).containsExactly(0f, 1f);
    assertThat(rows[0][0]).isCloseTo(0.6f, offset(1e-6f));
    assertThat(rows[1]).as("a zero vector stays zero").containsExactly(0f, 0f);
    assertThat(Pooler.rows(FloatBuffer.wrap(new float[] {3, 4}), 1, 2, false)[0])
        .containsExactly(3f, 4f);
  }
}
