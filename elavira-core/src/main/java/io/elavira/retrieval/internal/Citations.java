package io.elavira.retrieval.internal;

import io.elavira.Source;
import java.util.Objects;

/**
 * How a {@link Source} is named to people and to models: the document name, then the page and
 * section when known, e.g. {@code terms.txt, page 3, section Fees}. Stateless and thread-safe.
 */
public final class Citations {
  private Citations() {}

  /** A short human-readable reference to the passage's place in its document. */
  public static String label(Source source) {
    Objects.requireNonNull(source, "source");
    StringBuilder label = new StringBuilder(source.document());
    if (source.page() != null) {
      label.append(", page ").append(source.page());
    }
    if (source.section() != null && !source.section().isBlank()) {
      label.append(", section ").append(source.section());
    }
    return label.toString();
  }
}
