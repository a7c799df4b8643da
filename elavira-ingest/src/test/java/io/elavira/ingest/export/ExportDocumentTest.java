package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportDocumentTest {
  @Test
  void requiresTitleLanguageAndBody() {
    assertThatThrownBy(() -> ExportDocument.builder().title("T").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("language")
        .hasMessageContaining("body");
  }

  @Test
  void rejectsAnOptionSetTwice() {
    ExportDocument.Builder builder = ExportDocument.builder().language("fr");

    assertThatThrownBy(() -> builder.language(DocumentLanguage.EN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("language was already set");
  }

  @Test
  void rejectsBlankValuesAndUnknownLanguages() {
    assertThatThrownBy(() -> ExportDocument.builder().title(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportDocument.builder().body("\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DocumentLanguage.of("de"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fr' or 'en'");
    assertThatThrownBy(() -> new LetterLayout("A", "B", "C", " ", "E"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
  }

  @Test
  void keepsTheTitleOnOneLine() {
    ExportDocument document =
        ExportDocument.builder()
            .title(" Lettre\n de  motivation ")
            .language("fr")
            .body("x")
            .build();

    assertThat(document.title()).isEqualTo("Lettre de motivation");
  }

  @Test
  void readsLanguageCodesAndTags() {
    assertThat(DocumentLanguage.of("FR")).isEqualTo(DocumentLanguage.FR);
    assertThat(DocumentLanguage.of("en-GB")).isEqualTo(DocumentLanguage.EN);
  }

  @Test
  void showsNoTextOfTheDocumentInToString() {
    ExportDocument document = Samples.letter(DocumentLanguage.FR);

    assertThat(document.toString())
        .doesNotContain("Camille")
        .doesNotContain("Madame")
        .contains("language=fr");
  }
}
