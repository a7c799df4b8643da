package io.elavira.internal;

import io.elavira.internal.words.LanguageWords;
import java.util.Locale;
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

  /** The French and English words, from the runtime's one word list. */
  private static final LanguageWords WORDS = LanguageWords.read();

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
      if (WORDS.french().contains(word) || FRENCH_DIACRITIC.matcher(word).find()) {
        french++;
      } else if (WORDS.english().contains(word)) {
        english++;
      }
    }
    return french > english ? FRENCH : ENGLISH;
  }
}
