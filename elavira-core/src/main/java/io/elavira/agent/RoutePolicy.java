package io.elavira.agent;

/**
 * Decides the route of one request inside an agent: whether to retrieve passages and which chain of
 * models to use. Given to {@link io.elavira.ElaviraAgentBuilder#routing(RoutePolicy)}; {@link
 * AgentRegistry} makes one per agent with its {@link Router}.
 *
 * <p>Implementations are thread-safe and quick (no network call on every request: cache health
 * checks).
 */
@FunctionalInterface
public interface RoutePolicy {

  /**
   * The route of {@code question} for agent {@code agentId}; {@link Route.Chain#REMOTE} only when
   * the agent has remote models.
   */
  Route route(String agentId, String question);
}
