package io.elavira.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a French question from an English one, cheaply, to write the agent's own texts (the
 * extractive preamble) in the user's language. Not a general language identifier: it only weighs
 * French against English, and answers English when in doubt.
 *
 * <p>Score: French gets one point per French function word ({@code les}, {@code est}, {@code
 * quels}, {@code qu'}…), per word holding a French diacritic ({@code é è ê à ç œ}…) and for French
 * typography (a space before {@code ? ! :}, guillemets); English gets one point per English
 * function word. French wins only with a strictly higher score. Words shared by both languages or
 * ambiguous between them ({@code a}, {@code on}, {@code me}, the {@code s} and {@code t} of English
 * contractions) count for neither.
 */
enum QuestionLanguage {
  ENGLISH,
  FRENCH;

  private static final Set<String> FRENCH_WORDS =
      Set.of(
          "le",
          "la",
          "les",
          "un",
          "une",
          "des",
          "du",
          "de",
          "au",
          "aux",
          "et",
          "ou",
          "est",
          "sont",
          "suis",
          "es",
          "sommes",
          "êtes",
          "ai",
          "avons",
          "avez",
          "ont",
          "que",
          "qui",
          "quoi",
          "quel",
          "quelle",
          "quels",
          "quelles",
          "lequel",
          "laquelle",
          "comment",
          "pourquoi",
          "combien",
          "quand",
          "où",
          "je",
          "tu",
          "il",
          "elle",
          "nous",
          "vous",
          "ils",
          "elles",
          "mon",
          "ma",
          "mes",
          "ton",
          "ta",
          "tes",
          "son",
          "sa",
          "ses",
          "notre",
          "nos",
          "votre",
          "vos",
          "leur",
          "leurs",
          "ce",
          "cet",
          "cette",
          "ces",
          "dans",
          "pour",
          "avec",
          "sans",
          "sur",
          "sous",
          "chez",
          "par",
          "pas",
          "ne",
          "plus",
          "mais",
          "donc",
          "aussi",
          "très",
          "y",
          "qu",
          "l",
          "d",
          "j",
          "c",
          "n",
          "peux",
          "peut",
          "pouvez",
          "dois",
          "doit",
          "faut",
          "fait",
          "faire",
          "être",
          "avoir",
          "bonjour",
          "merci",
          "salut",
          "oui",
          "voici",
          "entre",
          "depuis",
          "après",
          "avant");
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the", "an", "of", "and", "or", "is", "are", "was", "were", "be", "been", "am", "what",
          "which", "who", "whom", "whose", "how", "why", "where", "when", "do", "does", "did",
          "can", "could", "should", "would", "will", "shall", "may", "might", "must", "my", "your",
          "his", "her", "its", "our", "their", "i", "you", "he", "she", "it", "we", "they", "this",
          "that", "these", "those", "in", "for", "with", "without", "to", "from", "by", "at", "not",
          "there", "have", "has", "had", "about", "much", "many", "any", "some", "if", "than",
          "then", "hello", "thanks", "please", "yes", "between", "since", "after", "before");
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern FRENCH_DIACRITIC = Pattern.compile("[éèêëàâçîïôûùüÿœæ]");
  private static final Pattern FRENCH_TYPOGRAPHY =
      Pattern.compile("[\\p{L}\\p{N}][ \\u00a0\\u202f][?!:;]|[«»]");

  /** The language of {@code text}: French when its French evidence outweighs its English. */
  static QuestionLanguage of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int french = FRENCH_TYPOGRAPHY.matcher(lower).find() ? 1 : 0;
    int english = 0;
    for (String word : WORD_SEPARATORS.split(lower)) {
      if (FRENCH_WORDS.contains(word) || FRENCH_DIACRITIC.matcher(word).find()) {
        french++;
      } else if (ENGLISH_WORDS.contains(word)) {
        english++;
      }
    }
    return french > english ? FRENCH : ENGLISH;
  }
}
