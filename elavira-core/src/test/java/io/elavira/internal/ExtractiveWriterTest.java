package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveWriterTest {
  static Source source(String document, Integer page, String section, String text) {
    return new Source("d-" + document, document, page, section, 0, 0.5, text);
  }

  @Test
  void numbersEveryQuotedPassageAndLabelsItWithDocumentPageAndSection() {
    List<Source> quotes =
        List.of(
            source("terms.pdf", 3, "Fees", "Cancelling costs forty euros."),
            source("notes.txt", null, null, "First line.\nSecond line."));

    String text = ExtractiveWriter.write(quotes, false, QuestionLanguage.ENGLISH);

    assertThat(text)
        .isEqualTo(
            "No language model is configured; here are the most relevant"
                + " passages from your documents (extractive answer):\n\n"
                + "[1] terms.pdf, page 3, section Fees:\n> Cancelling costs forty euros.\n\n"
                + "[2] notes.txt:\n> First line.\n> Second line.");
  }

  @Test
  void writesItsOwnSentencesInFrenchForAFrenchQuestionAndKeepsThePassages() {
    List<Source> quotes =
        List.of(source("conditions.pdf", 2, null, "Cancelling costs forty euros."));

    assertThat(ExtractiveWriter.write(quotes, true, QuestionLanguage.FRENCH))
        .startsWith(
            "Aucun modèle de langue n'a répondu ; voici les passages les plus pertinents"
                + " de vos documents (réponse extractive) :")
        .endsWith("[1] conditions.pdf, page 2:\n> Cancelling costs forty euros.");
    assertThat(ExtractiveWriter.write(List.of(), false, QuestionLanguage.FRENCH))
        .isEqualTo(
            "Aucun modèle de langue n'est configuré, et aucun passage de vos documents ne"
                + " correspond à la question.");
    assertThat(ExtractiveWriter.write(List.of(), true, QuestionLanguage.ENGLISH))
        .isEqualTo(
            "No language model answered, and no passage of your documents matched the"
                + " question.");
  }

  @Test
  void cutsALongPassageOnAWordBoundaryWithAnEllipsis() {
    String text = "word ".repeat(200).strip(); // 999 characters

    String excerpt = ExtractiveWriter.excerpt(text, ExtractiveWriter.MAX_QUOTE_CHARS);

    assertThat(excerpt)
        .hasSizeLessThanOrEqualTo(ExtractiveWriter.MAX_QUOTE_CHARS)
        .hasSizeGreaterThan(ExtractiveWriter.MAX_QUOTE_CHARS - 10)
        .endsWith("word…")
        .startsWith("word word");
    assertThat(excerpt.substring(0, excerpt.length() - 1).split(" ")).containsOnly("word");
  }

  @Test
  void dropsATrailingCommaBeforeTheEllipsisAndKeepsAShortPassageWhole() {
    assertThat(ExtractiveWriter.excerpt("alpha beta, gamma delta", 13)).isEqualTo("alpha beta…");
    assertThat(ExtractiveWriter.excerpt("  short passage \n", 13)).isEqualTo("short passage");
  }

  @Test
  void cutsOneHugeWordWithoutSplittingASurrogatePair() {
    String text = "😀".repeat(10); // 20 chars, no whitespace

    String excerpt = ExtractiveWriter.excerpt(text, 6);

    assertThat(excerpt).isEqualTo("😀😀…");
  }

  @Test
  void quotesAtMostTopKPassagesBestFirst() {
    List<Source> retrieved =
        List.of(
            source("a", null, null, "1"),
            source("b", null, null, "2"),
            source("c", null, null, "3"));

    assertThat(ExtractiveWriter.quoted(retrieved, 2))
        .extracting(Source::document)
        .containsExactly("a", "b");
    assertThat(ExtractiveWriter.quoted(retrieved, 5)).hasSize(3);
  }

  @Test
  void quotesTheRecalledConversationsAfterTheTopKPassagesHoweverManyPassagesWereRetrieved() {
    Source past =
        Source.conversation(
            "c-1", Instant.parse("2026-11-02T10:00:00Z"), 0.9, "Q: When? A: At seven.");
    List<Source> retrieved =
        List.of(
            source("a", null, null, "1"),
            source("b", null, null, "2"),
            source("c", null, null, "3"),
            past); // recall appends conversations after the document passages

    List<Source> quotes = ExtractiveWriter.quoted(retrieved, 2);

    assertThat(quotes).extracting(Source::document).containsExactly("a", "b", past.document());
    assertThat(ExtractiveWriter.write(quotes, false, QuestionLanguage.ENGLISH))
        .contains("from your documents and past conversations")
        .contains("[3] conversation of 2026-11-02:\n> Q: When? A: At seven.");
    assertThat(ExtractiveWriter.write(quotes, false, QuestionLanguage.FRENCH))
        .contains("de vos documents et de vos conversations passées");
  }

  @Test
  void aWeakMatchSaysNoPassageMatchesWellAndOffersTheClosestOnesAsSuchInTheQuestionsLanguage() {
    List<Source> quotes = List.of(source("notes.txt", null, null, "The garage opens at seven."));

    assertThat(ExtractiveWriter.write(quotes, false, QuestionLanguage.ENGLISH, true))
        .startsWith(
            "No language model is configured, and no passage of your documents matches the"
                + " question well. The closest ones, which probably do not answer it:")
        .doesNotContain("most relevant")
        .endsWith("[1] notes.txt:\n> The garage opens at seven.");
    assertThat(ExtractiveWriter.write(quotes, true, QuestionLanguage.FRENCH, true))
        .startsWith(
            "Aucun modèle de langue n'a répondu, et aucun passage de vos documents ne correspond"
                + " bien à la question. Voici les plus proches, qui n'y répondent probablement"
                + " pas :")
        .doesNotContain("les plus pertinents");
  }
}
