package io.elavira.internal;

import io.elavira.agent.Route;
import io.elavira.observe.RetrievalEvent;
import io.elavira.retrieval.Passage;
import io.elavira.retrieval.Retrieval;
import io.elavira.retrieval.RetrievalQuery;
import java.time.Duration;
import java.util.Objects;

/**
 * Retrieves the passages of the agent's documents (shared and the user's own) for the question, and
 * whether any matches it well.
 */
final class RetrievalStage implements Stage {
  private final AgentConfig config;
  private final PassageSearch search;

  RetrievalStage(AgentConfig config, PassageSearch search) {
    this.config = Objects.requireNonNull(config, "config");
    this.search = Objects.requireNonNull(search, "search");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Route route = exchange.route();
    if (route != null && !route.retrieval()) {
      return chain.proceed(exchange); // small talk: the documents are not searched
    }
    long started = System.nanoTime();
    Retrieval found =
        search.search(
            new RetrievalQuery(
                config.agentId(),
                exchange.userId(),
                exchange.question(),
                config.topK(),
                config.minScore()));
    exchange.retrieved(found.passages().stream().map(Passage::named).toList());
    exchange.weakMatch(found.weakMatch());
    Events events = exchange.events();
    if (events.active()) {
      events.retrieval(
          new RetrievalEvent(
              exchange.traceId(),
              config.agentId(),
              found.passages().size(),
              found.weakMatch(),
              Duration.ofNanos(System.nanoTime() - started)));
    }
    return chain.proceed(exchange);
  }
}
