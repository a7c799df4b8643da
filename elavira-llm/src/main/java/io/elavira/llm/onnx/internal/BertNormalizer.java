package io.elavira.llm.onnx.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The {@code BertNormalizer} of HuggingFace tokenizers: clean text, isolate CJK ideographs, strip
 * accents, lowercase, in that order and with the same character classes.
 *
 * <p>Immutable and thread-safe.
 */
final class BertNormalizer {
  private final boolean cleanText;
  private final boolean handleChineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;

  BertNormalizer(
      boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {
    this.cleanText = cleanText;
    this.handleChineseChars = handleChineseChars;
    this.stripAccents = stripAccents;
    this.lowercase = lowercase;
  }

  String normalize(String text) {
    String s = text;
    if (cleanText) {
      s = clean(s);
    }
    if (handleChineseChars) {
      s = spaceChineseChars(s);
    }
    if (stripAccents) {
      s = stripAccents(s);
    }
    if (lowercase) {
      s = lowercase(s);
    }
    return s;
  }

  /** Drops NUL, U+FFFD and control/format/private-use chars; maps whitespace to ' '. */
  private static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
              }
              if (isWhitespace(cp)) {
                out.append(' ');
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static String spaceChineseChars(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    s.codePoints()
        .forEach(
            cp -> {
              if (isChineseChar(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static String stripAccents(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  /**
   * Lowercases code point by code point, like Rust's {@code char::to_lowercase}: full mappings (İ
   * becomes i + U+0307) but no context rule (a final capital sigma becomes σ, not ς).
   */
  private static String lowercase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x80) {
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
              } else {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
              }
            });
    return out.toString();
  }

  /** Unicode White_Space, plus tab, newline and carriage return (which BERT treats as spaces). */
  static boolean isWhitespace(int cp) {
    switch (cp) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case 0x0B:
      case 0x0C:
      case 0x85:
      case 0xA0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202F:
      case 0x205F:
      case 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  /**
   * Categories Cc, Cf, Co and Cs, except tab, newline and carriage return. Unassigned code points
   * (Cn) are kept, as HuggingFace tokenizers keep them: its category tables have no Cn entries.
   * Keeping them also makes emoji newer than the JDK's Unicode version become [UNK] as they do
   * there, instead of vanishing.
   */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
        return true;
      default:
        return false;
    }
  }

  /** ASCII punctuation (including symbols such as $ + &lt; = &gt; ^ ` |) or Unicode P*. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /** The CJK ideograph blocks BERT isolates (not Hiragana, Katakana or Hangul). */
  static boolean isChineseChar(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
