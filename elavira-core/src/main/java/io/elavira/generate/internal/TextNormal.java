package io.elavira.generate.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Not API. Text compared without accents, case, typographic apostrophes or dash variants. */
public final class TextNormal {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u202f]+");

  private TextNormal() {}

  /**
   * Lower case, accents removed, typographic apostrophes and dashes made ASCII, ligatures split,
   * runs of spaces (including no-break spaces) made one space.
   */
  public static String of(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s =
        s.replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('\u02bc', '\'')
            .replace('\u2013', '-')
            .replace('\u2014', '-')
            .replace('\u2011', '-')
            .replace("\u0153", "oe")
            .replace("\u0152", "oe")
            .replace("\u00e6", "ae");
    s = SPACES.matcher(s).replaceAll(" ");
    return s.toLowerCase(Locale.ROOT).strip();
  }

  /** A short stable id of a text: 12 hex digits of its SHA-256. */
  public static String id(String text) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
