package io.elavira.internal;

import io.elavira.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the user's past exchanges with the agent that match the question to the retrieved passages,
 * after the document passages (so the prompt budget drops them first). Recall is an extra: when it
 * fails (the embedding model is down) the question is answered without it.
 */
final class RecallStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(RecallStage.class);

  private final String agentId;
  private final ConversationRecall recall;

  RecallStage(String agentId, ConversationRecall recall) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.recall = Objects.requireNonNull(recall, "recall");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    io.elavira.agent.Route route = exchange.route();
    if (route != null && !route.retrieval()) {
      return chain.proceed(exchange); // small talk: nothing is searched, past conversations neither
    }
    List<Source> recalled;
    try {
      recalled =
          recall.recall(agentId, exchange.userId(), exchange.conversationId(), exchange.question());
    } catch (RuntimeException e) {
      LOG.debug(
          "Trace {}: long-term recall failed ({}); answering without it",
          exchange.traceId(),
          ChunkEmbedder.reason(e));
      recalled = List.of();
    }
    if (!recalled.isEmpty()) {
      List<Source> all = new ArrayList<>(exchange.retrieved());
      all.addAll(recalled);
      exchange.retrieved(all);
    }
    return chain.proceed(exchange);
  }
}
