package io.elavira.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a user's profile for an agent, as {@link GenerationStore} keeps it; {@code
 * io.elavira.generate.Profiles} reads and writes the JSON.
 *
 * @param agentId the agent
 * @param userId the person the profile describes
 * @param version 1 for the first version, then one more per extraction or edit
 * @param edited true when the user wrote this version (a correction), false when it was extracted
 * @param json the profile as JSON text
 * @param createdAt when the version was stored
 */
public record ProfileRow(
    String agentId, String userId, int version, boolean edited, String json, Instant createdAt) {
  /** Validates. */
  public ProfileRow {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Does not print the profile: it is personal data. */
  @Override
  public String toString() {
    return "ProfileRow[agent=" + agentId + ", user=" + userId + ", version=" + version + "]";
  }
}
