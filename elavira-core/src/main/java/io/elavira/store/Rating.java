package io.elavira.store;

import java.util.Objects;

/**
 * A user's rating of an answer: a thumb up or down ({@link Scale#THUMBS}: +1 or −1) or stars
 * ({@link Scale#STARS}: 1 to 5). The scale is stored with the value, so a thumb up and one star are
 * never confused.
 *
 * @param scale the scale of {@code value}
 * @param value +1 or −1 on {@link Scale#THUMBS}; 1 to 5 on {@link Scale#STARS}
 */
public record Rating(Scale scale, int value) {
  /** The scale of a rating. */
  public enum Scale {
    /** +1 (useful) or −1 (not useful). */
    THUMBS,
    /** 1 (worst) to 5 (best). */
    STARS
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the value is not on the scale
   */
  public Rating {
    Objects.requireNonNull(scale, "scale");
    boolean valid = scale == Scale.THUMBS ? value == 1 || value == -1 : value >= 1 && value <= 5;
    if (!valid) {
      throw new IllegalArgumentException(
          "A rating on the "
              + scale
              + " scale must be "
              + (scale == Scale.THUMBS ? "+1 or -1" : "from 1 to 5")
              + ", got "
              + value);
    }
  }

  /** A thumb up: +1. */
  public static Rating thumbsUp() {
    return new Rating(Scale.THUMBS, 1);
  }

  /** A thumb down: −1. */
  public static Rating thumbsDown() {
    return new Rating(Scale.THUMBS, -1);
  }

  /**
   * From 1 to 5 stars.
   *
   * @throws IllegalArgumentException when {@code stars} is not from 1 to 5
   */
  public static Rating stars(int stars) {
    return new Rating(Scale.STARS, stars);
  }

  /**
   * Parses what a user types: {@code +1}, {@code -1} (thumbs) or {@code 1} to {@code 5} (stars,
   * optionally followed by {@code *}).
   *
   * @throws IllegalArgumentException when the text is none of these
   */
  public static Rating parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.equals("+1")) {
      return thumbsUp();
    }
    if (t.equals("-1") || t.equals("\u22121")) {
      return thumbsDown();
    }
    String stars = t.endsWith("*") ? t.substring(0, t.length() - 1) : t;
    if (stars.length() == 1 && stars.charAt(0) >= '1' && stars.charAt(0) <= '5') {
      return stars(stars.charAt(0) - '0');
    }
    throw new IllegalArgumentException(
        "A rating is +1 or -1 (thumbs) or 1 to 5 (stars), got '" + text + "'");
  }
}
