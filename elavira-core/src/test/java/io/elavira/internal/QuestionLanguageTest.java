package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionLanguageTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Quels sont les frais de résiliation ?",
        "Combien coûte l'abonnement par mois?",
        "Où est ma facture de janvier ?",
        "Comment je peux nettoyer le filtre de la pompe",
        "Qu'est-ce que dit le contrat sur le remboursement?",
        "Est-ce que la garantie couvre les pièces",
        "Quand dois-je payer la taxe foncière",
        "Résiliation ?",
        "Bonjour, pouvez-vous résumer ce document",
        "C'est quoi le délai de préavis",
        "Donne-moi les points clés du rapport",
        "Pourquoi mon salaire a baissé en mars ?",
        "Le code du garage, il est où",
      })
  void recognisesFrenchQuestions(String question) {
    assertThat(QuestionLanguage.of(question)).isEqualTo(QuestionLanguage.FRENCH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What are the cancellation fees?",
        "How much does the subscription cost per month?",
        "Where is my January invoice?",
        "How do I clean the pump filter",
        "What does the contract say about refunds?",
        "Does the warranty cover parts",
        "When do I have to pay the property tax",
        "Anything?",
        "Hello, can you summarise this document",
        "What's the notice period for the café lease?",
        "Give me the key points of the report",
        "Why did my salary drop in March?",
        "Where is my son's school report",
        "Don't I get a refund?",
        "",
      })
  void takesEnglishAndAnythingUnclearAsEnglish(String question) {
    assertThat(QuestionLanguage.of(question)).isEqualTo(QuestionLanguage.ENGLISH);
  }
}
