package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElisionLineBreakerTest {
  private static List<Integer> breaks(String text) {
    ElisionLineBreaker breaker = new ElisionLineBreaker(DocumentLanguage.FR);
    breaker.setText(text);
    List<Integer> all = new ArrayList<>();
    for (int b = breaker.next(); b >= 0; b = breaker.next()) {
      all.add(b);
    }
    return all;
  }

  @Test
  void neverBreaksALineBetweenAnElidedArticleAndItsWord() {
    String text = "la chaîne de données d’exploitation, l'équipe";

    List<Integer> breaks = breaks(text);

    assertThat(breaks).doesNotContain(text.indexOf('’') + 1, text.indexOf('\'') + 1);
    assertThat(breaks).contains(text.indexOf("données"), text.indexOf("d’exploitation"));
  }
}
