package io.elavira.store;

import java.util.List;
import java.util.Optional;

/**
 * The rows of document generation: versioned profiles and versioned generated documents. Used
 * through {@code io.elavira.generate}; every method is one transaction. Thread-safe. Every method
 * throws an {@link io.elavira.ElaviraException} when the database fails.
 */
public interface GenerationStore {

  /**
   * Stores a new version of a user's profile, numbered one after the latest.
   *
   * @param edited whether the user wrote it (a correction) rather than an extraction
   * @return the stored row with its version
   */
  ProfileRow addProfile(String agentId, String userId, boolean edited, String json);

  /** The latest version of a user's profile, or empty when none was stored. */
  Optional<ProfileRow> latestProfile(String agentId, String userId);

  /** Every version of a user's profile, oldest first. */
  List<ProfileRow> profileVersions(String agentId, String userId);

  /**
   * Stores a generated document version.
   *
   * @throws IllegalArgumentException when a row with its id exists
   */
  void addGenerated(GeneratedDocRow row);

  /** A generated document version of the agent by id, or empty. */
  Optional<GeneratedDocRow> generated(String agentId, String id);

  /** The agent's generated documents for a user, newest first. */
  List<GeneratedDocRow> generatedFor(String agentId, String userId);
}
