package io.elavira.internal;

import io.elavira.agent.RoutePolicy;
import io.elavira.llm.LlmProvider;
import org.jspecify.annotations.Nullable;

/**
 * How an agent routes its requests: the policy deciding each route, and the remote model used when
 * a route says {@link io.elavira.agent.Route.Chain#REMOTE}.
 *
 * @param policy decides each route, or null for none (retrieval always, the agent's model)
 * @param remote the remote model, or null
 */
public record RoutingSettings(@Nullable RoutePolicy policy, @Nullable LlmProvider remote) {
  /** No routing: every request retrieves and uses the agent's model. */
  public static final RoutingSettings NONE = new RoutingSettings(null, null);
}
