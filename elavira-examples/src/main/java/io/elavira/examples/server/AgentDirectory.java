package io.elavira.examples.server;

import io.elavira.ElaviraAgent;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agents this server answers with, by id. Today: the one agent of the home (id {@code
 * "default"}); creating, changing and deleting agents is refused with 501 until the agent registry
 * ({@code io.elavira.agent}) is wired here, which only this class has to learn.
 *
 * <p>Thread-safe: immutable.
 */
final class AgentDirectory {

  /** An agent as the API lists it. */
  record AgentView(String id, boolean isDefault, int documents) {}

  private final ElaviraAgent agent;

  AgentDirectory(ElaviraAgent agent) {
    this.agent = agent;
  }

  /** The agent named by a request, the default one when none is named. */
  ElaviraAgent resolve(@Nullable String agentId) {
    if (agentId == null || agentId.isBlank() || agentId.equals(agent.agentId())) {
      return agent;
    }
    throw ApiException.notFound("Agent " + printable(agentId));
  }

  /** The default agent. */
  ElaviraAgent defaultAgent() {
    return agent;
  }

  /** Every agent. */
  List<AgentView> list() {
    return List.of(view(agent));
  }

  /** One agent. */
  Optional<AgentView> find(String agentId) {
    return agentId.equals(agent.agentId()) ? Optional.of(view(agent)) : Optional.empty();
  }

  /**
   * Creating, replacing or deleting an agent.
   *
   * @throws ApiException always, 501: this server runs one agent until the registry is wired
   */
  AgentView change(String what) {
    throw new ApiException(
        501,
        ApiException.NOT_IMPLEMENTED,
        "This server runs one agent ("
            + agent.agentId()
            + "): "
            + what
            + " an agent needs the agent registry, not wired in this version.");
  }

  private static AgentView view(ElaviraAgent agent) {
    return new AgentView(agent.agentId(), true, agent.documents().size());
  }

  /** An id as it may be echoed: at most 64 characters. */
  static String printable(String id) {
    return id.length() <= 64 ? id : id.substring(0, 64) + "...";
  }
}
