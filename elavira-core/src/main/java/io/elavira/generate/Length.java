package io.elavira.generate;

/** How long a generated document should be. */
public enum Length {
  /** Brief: about half the usual length. */
  SHORT,
  /** The usual length of the kind of document. */
  MEDIUM,
  /** Longer, more detailed. */
  LONG;

  /** The words aimed at for a kind of document (the model's target; a draft is not cut). */
  public int words(DocumentKind kind) {
    int base =
        switch (kind) {
          case COVER_LETTER -> 250;
          case EMAIL -> 120;
          case CV -> 60; // the summary: the rest of a CV is the facts themselves
        };
    return switch (this) {
      case SHORT -> base / 2;
      case MEDIUM -> base;
      case LONG -> base * 8 / 5;
    };
  }
}
