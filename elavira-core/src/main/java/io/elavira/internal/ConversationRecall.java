package io.elavira.internal;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.MemoryEntry;
import io.elavira.store.MemoryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls the exchanges of a user's other conversations with the agent that are similar to a new
 * question. Before each recall, the user's exchanges not yet in long-term memory are embedded
 * (through the embedding cache) and stored. The scan over the user's pairs is exact (per-user
 * memories are small): their cached vectors are read in one query with a fixed text, scored, and
 * only the best pairs' texts are read; the scope is in every one of the store's queries.
 * Thread-safe; no state of its own.
 */
final class ConversationRecall {
  /** Pairs embedded per model call when catching up. */
  static final int CATCH_UP_BATCH = 64;

  private static final Logger LOG = LoggerFactory.getLogger(ConversationRecall.class);

  private final MemoryStore store;
  private final ChunkEmbedder embedder;
  private final EmbeddingModel model;
  private final LongTermMemory settings;

  ConversationRecall(
      MemoryStore store, ChunkEmbedder embedder, EmbeddingModel model, LongTermMemory settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.model = Objects.requireNonNull(model, "model");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The user's past exchanges with the agent most similar to {@code question}, at least {@link
   * LongTermMemory#minScore()} similar, best first, at most {@link LongTermMemory#maxRecalled()};
   * the conversation being continued is left out.
   *
   * @throws io.elavira.ElaviraException when the model or the store fails
   */
  List<Source> recall(String agentId, String userId, String conversationId, String question) {
    catchUp(agentId, userId);
    int count = store.countEntries(agentId, userId, conversationId);
    if (count == 0) {
      return List.of();
    }
    Map<Long, float[]> vectors =
        new HashMap<>(store.entryVectors(agentId, userId, conversationId, model.modelId()));
    if (vectors.size() < count) {
      // Pairs without an embedding of this model (it changed): embed them once, through the cache.
      Map<String, String> textByHash = new LinkedHashMap<>();
      store.entries(agentId, userId, conversationId).stream()
          .filter(e -> !vectors.containsKey(e.id()))
          .forEach(e -> textByHash.putIfAbsent(e.contentHash(), e.text()));
      embedder.embedTexts("the long-term memory of user " + userId, textByHash);
      vectors.putAll(store.entryVectors(agentId, userId, conversationId, model.modelId()));
    }
    float[] q = model.embedQuery(question);
    Map<Long, Double> scores = new HashMap<>();
    vectors.forEach(
        (id, v) -> {
          if (v.length == q.length) {
            double score = cosine(q, v);
            if (score >= settings.minScore()) {
              scores.put(id, score);
            }
          }
        });
    if (scores.isEmpty()) {
      return List.of();
    }
    List<Long> best =
        scores.entrySet().stream()
            .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
            .limit(settings.maxRecalled())
            .map(Map.Entry::getKey)
            .toList();
    List<Source> recalled = new ArrayList<>(best.size());
    for (MemoryEntry e : store.entries(agentId, userId, best)) {
      recalled.add(
          Source.conversation(
              e.conversationId(), e.createdAt(), scores.getOrDefault(e.id(), 0.0), e.text()));
    }
    recalled.sort(Comparator.comparingDouble(Source::score).reversed());
    return List.copyOf(recalled);
  }

  /** Embeds and stores the user's exchanges not yet in long-term memory. */
  void catchUp(String agentId, String userId) {
    while (true) {
      List<MemoryEntry> pending = store.pendingExchanges(agentId, userId, CATCH_UP_BATCH);
      if (pending.isEmpty()) {
        return;
      }
      Map<String, String> textByHash = new LinkedHashMap<>();
      pending.forEach(e -> textByHash.putIfAbsent(e.contentHash(), e.text()));
      embedder.embedTexts("the conversations of user " + userId, textByHash);
      int added = store.addEntries(agentId, userId, pending);
      LOG.debug("Long-term memory: {} exchanges of a user added for agent {}", added, agentId);
      if (pending.size() < CATCH_UP_BATCH || added == 0) {
        return;
      }
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
