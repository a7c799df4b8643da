package io.elavira.guard;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of a text the injection rules are matched against: folded (zero-width and format
 * characters removed, compatibility forms and common Cyrillic/Greek look-alikes mapped to Latin,
 * accents stripped, lower case, typographic quotes made plain, whitespace collapsed), and, when
 * they differ, the folded text with leetspeak undone ({@code 1gn0r3} → {@code ignore}) and with
 * spaced-out letters joined ({@code i g n o r e} → {@code ignore}).
 */
final class InjectionText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern LEET = Pattern.compile("(?<=[a-z])[013457@$]|[013457@$](?=[a-z])");
  private static final Pattern SPACED_LETTERS =
      Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}[ ._*\\-]){3,}\\p{L}(?![\\p{L}\\p{N}])");
  private static final Pattern LETTER_SEPARATORS = Pattern.compile("[ ._*\\-]");

  private InjectionText() {}

  /** The folded text, then its leetspeak-free and joined-letters forms when they differ. */
  static List<String> forms(String text) {
    String folded = fold(text);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(folded);
    forms.add(unleet(folded));
    forms.add(joinSpacedLetters(folded));
    return List.copyOf(forms);
  }

  /** The words of a folded form: its runs of letters. */
  static Set<String> words(String form) {
    Set<String> words = new HashSet<>();
    int start = -1;
    for (int i = 0; i <= form.length(); i++) {
      boolean letter = i < form.length() && Character.isLetter(form.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        words.add(form.substring(start, i));
        start = -1;
      }
    }
    return words;
  }

  static String fold(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints()
        .filter(c -> Character.getType(c) != Character.FORMAT)
        .forEach(c -> kept.appendCodePoint(lookAlike(c)));
    String decomposed = Normalizer.normalize(kept, Normalizer.Form.NFKD);
    String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    return SPACES.matcher(plain).replaceAll(" ").strip();
  }

  private static int lookAlike(int c) {
    return switch (c) {
      case 'а', 'α' -> 'a';
      case 'е', 'ε' -> 'e';
      case 'о', 'ο' -> 'o';
      case 'р', 'ρ' -> 'p';
      case 'с' -> 'c';
      case 'у' -> 'y';
      case 'х', 'χ' -> 'x';
      case 'і', 'ι' -> 'i';
      case 'ѕ' -> 's';
      case 'А', 'Α' -> 'A';
      case 'Е', 'Ε' -> 'E';
      case 'О', 'Ο' -> 'O';
      case 'Р', 'Ρ' -> 'P';
      case 'С' -> 'C';
      case 'Т', 'Τ' -> 'T';
      case 'Н', 'Η' -> 'H';
      case 'І', 'Ι' -> 'I';
      case '\u2018', '\u2019', '\u201B', '\u2032', '`', '\u00B4' -> '\'';
      case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB' -> '"';
      default -> c;
    };
  }

  private static String unleet(String folded) {
    Matcher m = LEET.matcher(folded);
    StringBuilder out = new StringBuilder(folded.length());
    while (m.find()) {
      char c = m.group().charAt(0);
      char letter =
          switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
          };
      m.appendReplacement(out, String.valueOf(letter));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String joinSpacedLetters(String folded) {
    Matcher m = SPACED_LETTERS.matcher(folded);
    StringBuilder out = new StringBuilder(folded.length());
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(LETTER_SEPARATORS.matcher(m.group()).replaceAll("")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
