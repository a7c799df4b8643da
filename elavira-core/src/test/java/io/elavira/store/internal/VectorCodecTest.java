package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import org.junit.jupiter.api.Test;

class VectorCodecTest {

  @Test
  void writesLittleEndianFloat32() {
    byte[] bytes = VectorCodec.encode(new float[] {1.0f, -2.5f});

    // 1.0f = 0x3F800000, -2.5f = 0xC0200000, least significant byte first.
    assertThat(bytes).containsExactly(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0);
  }

  @Test
  void decodesWhatItEncodes() {
    float[] vector = {0.1f, -0.0f, Float.NaN, 3.4e38f};

    assertThat(VectorCodec.decode(VectorCodec.encode(vector), 4, "x")).containsExactly(vector);
  }

  @Test
  void rejectsABlobWhoseLengthDoesNotMatchTheDimension() {
    assertThatThrownBy(() -> VectorCodec.decode(new byte[6], 2, "minilm/abc"))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("minilm/abc")
        .hasMessageContaining("2 dimensions but 6 bytes");
  }
}
