package io.elavira.vector.pgvector;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.Filter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlFilterTest {
  @Test
  void bindsEveryValueAsAParameterNeverInTheSql() {
    SqlFilter f =
        SqlFilter.of(
            Filter.and(
                Filter.eq("agent_id", "a'; drop table x; --"),
                Filter.or(Filter.missing("owner_id"), Filter.in("owner_id", Set.of("u1")))));

    assertThat(f.sql())
        .isEqualTo(
            "(metadata @> ?::jsonb AND (NOT jsonb_exists(metadata, ?) OR (metadata ->> ?) = ANY"
                + " (?)))")
        .doesNotContain("drop");
    assertThat(f.parameters()).hasSize(4);
    assertThat(f.parameters().get(0)).isEqualTo("{\"agent_id\":\"a'; drop table x; --\"}");
  }

  @Test
  void emptyAndMatchesEverythingAndEmptyOrNothing() {
    assertThat(SqlFilter.of(Filter.and()).sql()).isEqualTo("TRUE");
    assertThat(SqlFilter.of(Filter.or()).sql()).isEqualTo("FALSE");
    assertThat(SqlFilter.of(Filter.all()).sql()).isEqualTo("TRUE");
  }
}
