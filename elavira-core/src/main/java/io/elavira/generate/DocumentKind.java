package io.elavira.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a generated document is. */
public enum DocumentKind {
  /** A cover letter answering a job offer. */
  COVER_LETTER("cover-letter"),
  /** A CV tailored to a job offer. */
  CV("cv"),
  /** A short email (sending an application, following one up). */
  EMAIL("email");

  private final String id;

  DocumentKind(String id) {
    this.id = id;
  }

  /** The name used in templates, storage and the CLI: "cover-letter", "cv" or "email". */
  public String id() {
    return id;
  }

  /**
   * The kind named {@code id} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted ids when none matches
   */
  public static DocumentKind fromId(String id) {
    for (DocumentKind k : values()) {
      if (k.id.equals(id.toLowerCase(Locale.ROOT).strip())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "Unknown document kind '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(DocumentKind::id).collect(Collectors.joining(", ")));
  }
}
