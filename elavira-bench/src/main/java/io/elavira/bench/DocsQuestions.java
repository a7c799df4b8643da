package io.elavira.bench;

import java.util.List;
import java.util.Set;

/**
 * The 20 fixed questions (10 English, 10 French) about the txt/md files of {@code
 * shared/data/docs}, each with the file(s) that answer it. {@code eng_spa_mult.txt} and {@code
 * eng_spa_mult.md} hold the same text (UDHR article 1), so either counts as a hit.
 */
final class DocsQuestions {
  private static final Set<String> TERMS = Set.of("miles-of-smiles-terms-of-use.txt");
  private static final Set<String> CARROT = Set.of("story-about-happy-carrot.txt");
  private static final Set<String> UDHR = Set.of("eng_spa_mult.txt", "eng_spa_mult.md");

  /**
   * A question and the files that answer it.
   *
   * @param language "en" or "fr"
   * @param text the question
   * @param expected file names that answer it
   */
  record Question(String language, String text, Set<String> expected) {}

  static final List<Question> ALL =
      List.of(
          new Question(
              "en",
              "How many days before the start of the booking can I cancel a reservation?",
              TERMS),
          new Question(
              "fr",
              "Combien de jours avant le début de la location puis-je annuler ma"
                  + " réservation ?",
              TERMS),
          new Question("en", "Can I use the rented car to teach someone to drive?", TERMS),
          new Question(
              "fr",
              "Ai-je le droit d'utiliser la voiture de location pour un rallye ou une"
                  + " course ?",
              TERMS),
          new Question("en", "Who is liable for damage or theft during the rental period?", TERMS),
          new Question(
              "fr",
              "Quelle loi s'applique à ces conditions d'utilisation et quels tribunaux"
                  + " sont compétents ?",
              TERMS),
          new Question("fr", "Puis-je annuler si ma location dure moins de 17 jours ?", TERMS),
          new Question("en", "What is the name of the cheerful carrot?", CARROT),
          new Question("fr", "Comment s'appelle la carotte joyeuse ?", CARROT),
          new Question(
              "en",
              "How did the vegetables deal with the caterpillars that invaded" + " VeggieVille?",
              CARROT),
          new Question("fr", "Qui sont les amis de Charlie dans le potager ?", CARROT),
          new Question(
              "en", "Are all human beings born free and equal in dignity and rights?", UDHR),
          new Question(
              "fr",
              "Tous les êtres humains naissent-ils libres et égaux en dignité et en" + " droits ?",
              UDHR),
          new Question(
              "fr",
              "Les êtres humains sont doués de raison et de conscience : doivent-ils agir"
                  + " dans un esprit de fraternité ?",
              UDHR),
          new Question(
              "en",
              "How do I download an example 10-K filing in inline XBRL format with" + " curl?",
              Set.of("README.md")),
          new Question(
              "fr",
              "Comment récupérer un exemple de rapport 10-K au format XBRL ?",
              Set.of("README.md")),
          new Question(
              "en",
              "Show an XML note from Jani reminding Tove about the weekend.",
              Set.of("codeblock.md")),
          new Question(
              "en",
              "How much do juicy apples cost and how many are in stock?",
              Set.of("simple-table.md")),
          new Question("fr", "Quel est le prix des bananes ?", Set.of("simple-table.md")),
          new Question(
              "en",
              "Which document says that hamburgers are delicious and dogs are the" + " best?",
              Set.of("fake-text-utf-16.txt")));

  private DocsQuestions() {}
}
