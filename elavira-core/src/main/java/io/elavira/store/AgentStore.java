package io.elavira.store;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agents of a home and their configurations, in the {@code agents} table. Each change is one
 * transaction with its audit entry ({@code agent.create}, {@code agent.update}, {@code
 * agent.delete}).
 *
 * <p>Thread-safe. Most callers use {@code io.elavira.agent.AgentRegistry}, which parses and
 * validates the configurations; this store keeps them as text.
 */
public interface AgentStore {

  /**
   * Stores the configuration of a new agent at version 1. An agent row created implicitly (by
   * ingest or ask, without configuration) gets the configuration and keeps its documents.
   *
   * @param userId who creates it, for the audit log, or null for the system
   * @return the stored agent
   * @throws IllegalArgumentException when the agent already has a configuration
   * @throws io.elavira.ElaviraException when the database fails
   */
  StoredAgent create(String id, String description, String configJson, @Nullable String userId);

  /**
   * Replaces the configuration of an agent and increments its version.
   *
   * @return the stored agent
   * @throws IllegalArgumentException when the agent has no configuration (create it first)
   * @throws io.elavira.ElaviraException when the database fails
   */
  StoredAgent update(String id, String description, String configJson, @Nullable String userId);

  /**
   * Deletes an agent with its documents, chunks and conversations; the vector indexes of every
   * process drop its documents at their next question (through the change log).
   *
   * @return whether an agent with a configuration was deleted
   * @throws io.elavira.ElaviraException when the database fails
   */
  boolean delete(String id, @Nullable String userId);

  /**
   * The agent's row, with or without configuration.
   *
   * @throws io.elavira.ElaviraException when the database fails
   */
  Optional<StoredAgent> find(String id);

  /**
   * The configuration version of the agent, 0 when it has none or does not exist: one indexed
   * lookup, cheap enough to run before every request.
   *
   * @throws io.elavira.ElaviraException when the database fails
   */
  long version(String id);

  /**
   * Every agent of the home, configured or implicit, by id.
   *
   * @throws io.elavira.ElaviraException when the database fails
   */
  List<StoredAgent> list();
}
