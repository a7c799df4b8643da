package io.elavira.retrieval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Source;
import org.junit.jupiter.api.Test;

class CitationsTest {
  @Test
  void namesTheDocumentThenPageAndSectionWhenKnown() {
    assertThat(Citations.label(new Source("d", "terms.txt", 3, "Fees", 2, 0.8, "t")))
        .isEqualTo("terms.txt, page 3, section Fees");
    assertThat(Citations.label(new Source("d", "notes.md", null, null, 0, 0.8, "t")))
        .isEqualTo("notes.md");
  }
}
