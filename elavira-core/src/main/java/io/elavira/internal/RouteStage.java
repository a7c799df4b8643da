package io.elavira.internal;

import io.elavira.agent.Route;
import io.elavira.agent.RoutePolicy;
import io.elavira.llm.LlmProvider;
import io.elavira.observe.RouteEvent;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides the route of the request (retrieval or not, local or remote chain) with the agent's
 * {@link RoutePolicy}, records it in the exchange for the later stages and the answer, and tells
 * the listeners ({@link RouteEvent}).
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
    long started = System.nanoTime();
    Route route = policy.route(agentId, exchange.question());
    exchange.route(route);
    Events events = exchange.events();
    if (events.active()) {
      events.route(
          new RouteEvent(
              exchange.traceId(),
              route.agentId(),
              route.chain().name().toLowerCase(Locale.ROOT)
                  + (route.retrieval() ? "+retrieval" : ""),
              String.join("; ", route.reasons()),
              Duration.ofNanos(System.nanoTime() - started)));
    }
    if (route.chain() == Route.Chain.REMOTE && remote != null) {
      exchange.routeLlm(remote);
    }
    return chain.proceed(exchange);
  }
}
