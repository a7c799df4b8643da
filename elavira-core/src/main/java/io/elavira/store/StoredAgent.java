package io.elavira.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code agents} table as the {@link AgentStore} returns it: the configuration is
 * kept as JSON text, parsed by {@code io.elavira.agent.AgentSpecs}.
 *
 * @param id the agent's id
 * @param description what the agent is for (the router matches questions against it), or null for
 *     an agent created implicitly by ingest or ask
 * @param config the configuration as JSON, or null for an agent created implicitly
 * @param version incremented by every change of the configuration; 0 for an implicit agent
 * @param createdAt when the row was created
 * @param updatedAt when the configuration last changed, or null when it never had one
 */
public record StoredAgent(
    String id,
    @Nullable String description,
    @Nullable String config,
    long version,
    Instant createdAt,
    @Nullable Instant updatedAt) {

  /** Checks the required fields. */
  public StoredAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the agent has a stored configuration (it was created from one). */
  public boolean configured() {
    return config != null;
  }

  /** Does not print the configuration (it may hold a long system prompt). */
  @Override
  public String toString() {
    return "StoredAgent[" + id + ", version=" + version + "]";
  }
}
