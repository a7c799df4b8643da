package io.elavira.internal;

import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import java.util.Objects;

/** Retrieves the passages of the agent's documents (shared and the user's own) for the question. */
final class RetrievalStage implements Stage {
  private final AgentConfig config;
  private final Retriever retriever;

  RetrievalStage(AgentConfig config, Retriever retriever) {
    this.config = Objects.requireNonNull(config, "config");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    exchange.retrieved(
        retriever.retrieve(
            new RetrievalQuery(
                config.agentId(),
                exchange.userId(),
                exchange.question(),
                config.topK(),
                config.minScore())));
    return chain.proceed(exchange);
  }
}
