package io.elavira.generate;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a profile.
 *
 * @param version 1, then one more per extraction or edit
 * @param edited true when the user wrote this version, false when it was extracted
 * @param createdAt when it was stored
 * @param origin how it was made: {@value #BY_USER}, {@value #BY_RULES}, or {@code
 *     "model:<provider>/<model>"}
 * @param profile the profile
 */
public record StoredProfile(
    int version, boolean edited, Instant createdAt, String origin, Profile profile) {
  /** Origin of a version the user wrote. */
  public static final String BY_USER = "user";

  /** Origin of a version read by the CV rules, without a model. */
  public static final String BY_RULES = "rules";

  /** Validates. */
  public StoredProfile {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(profile, "profile");
  }
}
