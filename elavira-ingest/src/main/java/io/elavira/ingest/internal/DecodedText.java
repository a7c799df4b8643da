package io.elavira.ingest.internal;

import java.util.Objects;

/**
 * Text decoded from a file's bytes, with the charset that was detected.
 *
 * @param text the text, line endings normalised to {@code \n}, without a byte order mark
 * @param encoding the canonical name of the detected charset, e.g. {@code "UTF-8"}
 */
public record DecodedText(String text, String encoding) {
  /** Validates. */
  public DecodedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(encoding, "encoding");
  }
}
