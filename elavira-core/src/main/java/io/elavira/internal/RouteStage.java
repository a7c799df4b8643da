package io.elavira.internal;

import io.elavira.agent.Route;
import io.elavira.agent.RoutePolicy;
import io.elavira.llm.LlmProvider;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides the route of the request (retrieval or not, local or remote chain) with the agent's
 * {@link RoutePolicy}, and records it in the exchange for the later stages and the answer.
 */
final class RouteStage implements Stage {
  private final String agentId;
  private final RoutePolicy policy;
  private final @Nullable LlmProvider remote;

  RouteStage(String agentId, RoutePolicy policy, @Nullable LlmProvider remote) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.remote = remote;
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Route route = policy.route(agentId, exchange.question());
    exchange.route(route);
    if (route.chain() == Route.Chain.REMOTE && remote != null) {
      exchange.routeLlm(remote);
    }
    return chain.proceed(exchange);
  }
}
