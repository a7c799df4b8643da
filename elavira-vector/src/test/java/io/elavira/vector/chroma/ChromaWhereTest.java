package io.elavira.vector.chroma;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChromaWhereTest {
  @Test
  void matchingEverythingSendsNoWhereAtAll() {
    assertThat(ChromaWhere.where(Filter.all())).isNull();
  }

  @Test
  void translatesTheScopeFilterWithAPresenceMarkerForMissingKeys() {
    Filter scope =
        Filter.and(
            Filter.eq("agent_id", "a1"),
            Filter.or(Filter.missing("owner_id"), Filter.in("owner_id", Set.of("u2", "u1"))));

    assertThat(ChromaWhere.where(scope).toString())
        .isEqualTo(
            "{\"$and\":[{\"agent_id\":{\"$eq\":\"a1\"}},"
                + "{\"$or\":[{\"has:owner_id\":{\"$ne\":true}},"
                + "{\"owner_id\":{\"$in\":[\"u1\",\"u2\"]}}]}]}");
  }

  @Test
  void unwrapsSingleOperandsWhichChromaRejects() {
    assertThat(ChromaWhere.where(Filter.and(Filter.eq("k", "v"))).toString())
        .isEqualTo("{\"k\":{\"$eq\":\"v\"}}");
  }

  @Test
  void writesAMarkerPerKeyAndStripsThemOnRead() {
    var written = ChromaWhere.metadata(Map.of("owner_id", "u1"));

    assertThat(written.toString()).isEqualTo("{\"owner_id\":\"u1\",\"has:owner_id\":true}");
    assertThat(ChromaWhere.read(written)).isEqualTo(Map.of("owner_id", "u1"));
  }
}
