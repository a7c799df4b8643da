package io.elavira.generate;

import java.util.Objects;

/**
 * A statement of a generated text that no source supports.
 *
 * @param type what it is
 * @param claim the words of the text making the claim, e.g. "Capgemini", "2015", "PhD"
 * @param line the 1-based line of the text it is on
 * @param context the sentence (or line) holding it, so the caller can show it
 */
public record ClaimFlag(ClaimType type, String claim, int line, String context) {
  /** Validates. */
  public ClaimFlag {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(context, "context");
  }
}
