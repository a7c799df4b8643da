package io.elavira.ingest.export;

import java.util.Locale;
import java.util.Objects;

/** The language an exported document is written in; exporters record it in the file. */
public enum DocumentLanguage {
  /** French, recorded as {@code fr-FR}. */
  FR("fr", "fr-FR"),
  /** English, recorded as {@code en-US}. */
  EN("en", "en-US");

  private final String code;
  private final String tag;

  DocumentLanguage(String code, String tag) {
    this.code = code;
    this.tag = tag;
  }

  /** The two-letter code, {@code fr} or {@code en}. */
  public String code() {
    return code;
  }

  /** The IETF language tag written into the files, {@code fr-FR} or {@code en-US}. */
  public String tag() {
    return tag;
  }

  /**
   * The language of a two-letter code or a tag, in any case ({@code fr}, {@code FR}, {@code
   * fr-CA}).
   *
   * @param codeOrTag a code or tag
   * @return the language
   * @throws IllegalArgumentException when it is neither French nor English
   */
  public static DocumentLanguage of(String codeOrTag) {
    Objects.requireNonNull(codeOrTag, "codeOrTag");
    String code = codeOrTag.strip().toLowerCase(Locale.ROOT);
    int dash = code.indexOf('-');
    if (dash > 0) {
      code = code.substring(0, dash);
    }
    for (DocumentLanguage language : values()) {
      if (language.code.equals(code)) {
        return language;
      }
    }
    throw new IllegalArgumentException("language must be 'fr' or 'en', got '" + codeOrTag + "'");
  }
}
