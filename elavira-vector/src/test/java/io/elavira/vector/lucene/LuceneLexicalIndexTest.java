package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.retrieval.LexicalHit;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.LexicalIndexContract;
import io.elavira.vector.Filter;
import io.elavira.vector.stores.OpenState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneLexicalIndexTest extends LexicalIndexContract {
  @TempDir Path dir;

  @Override
  protected LexicalIndex createIndex() {
    return LuceneLexicalIndex.open(dir.resolve("lexical"));
  }

  @Test
  void frenchElisionAccentsAndPluralsMatch() {
    index.upsert(
        List.of(
            record("eleves", "Les élèves de l'école primaire", Map.of()),
            record("aides", "Aides au logement et allocations familiales", Map.of()),
            record("impot", "Déclaration d'impôts sur le revenu", Map.of())));

    assertThat(top("l'élève")).isEqualTo("eleves");
    assertThat(top("ecoles")).isEqualTo("eleves"); // plural, no accent
    assertThat(top("une aide au logement")).isEqualTo("aides");
    assertThat(top("impot")).isEqualTo("impot"); // accent typed without its circumflex
    assertThat(top("qu’est-ce qu'une déclaration ?")).isEqualTo("impot"); // typographic apostrophe
  }

  @Test
  void englishStemmingAndPossessivesMatch() {
    index.upsert(
        List.of(
            record("policy", "The company's refund policy for damaged goods", Map.of()),
            record("shipping", "Shipping takes three working days", Map.of())));

    assertThat(top("refunds policies")).isEqualTo("policy");
    assertThat(top("company")).isEqualTo("policy");
    assertThat(top("ships")).isEqualTo("shipping");
  }

  @Test
  void stopWordsAloneFindNothing() {
    index.upsert(List.of(record("a", "le la les the of and", Map.of())));

    assertThat(index.search("les the", 5, Filter.all())).isEmpty();
  }

  @Test
  void frenchQuestionWordsMatchNoPassageByThemselves() {
    index.upsert(
        List.of(
            record(
                "guichet",
                "Le guichet est ouvert le matin ; c'est noté, il n'est pas fermé. Qu'est-ce ? Quoi ?",
                Map.of()),
            record("taxe", "La taxe foncière est due par le propriétaire au 1er janvier", Map.of()),
            record("court", "C'est quoi ?", Map.of()))); // short: indexed as French and English

    assertThat(ids("Qu'est-ce que la taxe foncière ?")).containsExactly("taxe");
    assertThat(ids("C'est quoi la taxe foncière ?")).containsExactly("taxe");
    assertThat(ids("Qu’est-ce que c’est ?")).isEmpty(); // typographic apostrophes
    assertThat(ids("N'est-il pas vrai que la taxe foncière est due ?")).containsExactly("taxe");
    assertThat(ids("n'est-il pas ?")).isEmpty();
    assertThat(ids("c'etait quoi ? etait-ce ici ?")).isEmpty(); // typed without accents
  }

  @Test
  void keepsItsRecordsAcrossReopen() {
    index.upsert(List.of(record("a", "persistent words", Map.of("agent_id", "x"))));
    index.close();

    try (LuceneLexicalIndex reopened = LuceneLexicalIndex.open(dir.resolve("lexical"))) {
      assertThat(reopened.openState()).isEqualTo(OpenState.OPENED);
      assertThat(reopened.search("word", 5, Filter.eq("agent_id", "x")))
          .extracting(LexicalHit::id)
          .containsExactly("a");
    }
  }

  private List<String> ids(String question) {
    return index.search(question, 5, Filter.all()).stream().map(LexicalHit::id).toList();
  }

  private String top(String question) {
    List<LexicalHit> hits = index.search(question, 3, Filter.all());
    assertThat(hits).as("hits for %s", question).isNotEmpty();
    return hits.get(0).id();
  }
}
