package io.elavira.vector.stores.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dimension check every store shares, and what its message tells the user. */
class VectorDimensionsTest {

  @Test
  void acceptsAVectorOfTheStoresDimension() {
    assertThatCode(() -> VectorDimensions.require(new float[3], "query vector", 3, "table docs"))
        .doesNotThrowAnyException();
  }

  @Test
  void aMismatchNamesTheVectorTheStoreBothDimensionsAndTheLikelyCause() {
    assertThatThrownBy(
            () -> VectorDimensions.require(new float[4], "vector of record 42", 3, "table docs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "vector of record 42 has dimension 4 but table docs holds vectors of dimension 3;"
                + " use the same embedding model for every record and query");
  }
}
