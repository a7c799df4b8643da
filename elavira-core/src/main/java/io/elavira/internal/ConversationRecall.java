package io.elavira.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.MemoryEntry;
import io.elavira.store.MemoryStore;
import io.elavira.vector.internal.Cosines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls the exchanges of a user's other conversations with the agent that are similar to a new
 * question. Before each recall, the user's exchanges not yet in long-term memory are embedded
 * (through the embedding cache) and stored. The scan over the user's pairs is exact (per-user
 * memories are small): their content hashes are read in one query of fixed text, their vectors come
 * from a copy in memory keyed by content hash (unit length, at most {@link #DEFAULT_MEMORY_FLOATS}
 * floats, least recently used dropped first) or else from the home's embedding cache, and only the
 * best pairs' texts are read; the scope is in every one of the store's queries. A vector is a
 * function of its text's hash and the model, so the copy is never stale; one instance serves one
 * embedding model.
 *
 * <p>The question is embedded by {@code questions}: the retrieval's own question embedder, so the
 * question the retrieval just embedded is not embedded again.
 *
 * <p>Thread-safe.
 */
final class ConversationRecall {
  /** Pairs embedded per model call when catching up. */
  static final int CATCH_UP_BATCH = 64;

  /**
   * Floats of pair vectors kept in memory by each agent's recall: 32 MB at most, the vectors of
   * about 21,800 pairs of a 384-dimension model. A home with many agents whose users all have long
   * memories holds up to that much per agent.
   */
  static final long DEFAULT_MEMORY_FLOATS = 8L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(ConversationRecall.class);

  private final MemoryStore store;
  private final ChunkEmbedder embedder;
  private final EmbeddingModel questions;
  private final LongTermMemory settings;
  private final Cache<String, float[]> unitVectors;

  ConversationRecall(
      MemoryStore store,
      ChunkEmbedder embedder,
      EmbeddingModel questions,
      LongTermMemory settings,
      long memoryFloats) {
    this.store = Objects.requireNonNull(store, "store");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.questions = Objects.requireNonNull(questions, "questions");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.unitVectors =
        Caffeine.newBuilder()
            .maximumWeight(memoryFloats)
            .weigher((String hash, float[] v) -> v.length)
            .executor(Runnable::run)
            .build();
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
    Map<Long, String> hashes = store.entryHashes(agentId, userId, conversationId);
    if (hashes.isEmpty()) {
      return List.of();
    }
    Map<String, float[]> vectors = vectors(agentId, userId, conversationId, hashes);
    float[] q = Cosines.normalised(questions.embedQuery(question));
    Map<Long, Double> scores = new HashMap<>();
    hashes.forEach(
        (id, hash) -> {
          float[] v = vectors.get(hash);
          if (v != null && v.length == q.length) {
            double score = Cosines.dot(q, v, 0, q.length);
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

  /**
   * The unit vectors of these pairs by content hash: from memory, else from the home's embedding
   * cache, else (pairs stored under another model) embedded once from their texts.
   */
  private Map<String, float[]> vectors(
      String agentId, String userId, String conversationId, Map<Long, String> hashes) {
    Map<String, float[]> found = new HashMap<>();
    Set<String> missing = new HashSet<>();
    for (String hash : hashes.values()) {
      if (!found.containsKey(hash)) {
        float[] v = unitVectors.getIfPresent(hash);
        if (v != null) {
          found.put(hash, v);
        } else {
          missing.add(hash);
        }
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    Map<String, float[]> loaded = new HashMap<>(embedder.cached(missing));
    if (loaded.size() < missing.size()) {
      // Pairs without an embedding of this model (it changed): embed them once, through the cache.
      Map<String, String> textByHash = new LinkedHashMap<>();
      store.entries(agentId, userId, conversationId).stream()
          .filter(e -> missing.contains(e.contentHash()) && !loaded.containsKey(e.contentHash()))
          .forEach(e -> textByHash.putIfAbsent(e.contentHash(), e.text()));
      loaded.putAll(
          embedder.embedTexts("the long-term memory of user " + userId, textByHash).byHash());
    }
    loaded.forEach(
        (hash, v) -> {
          float[] u = Cosines.normalised(v);
          unitVectors.put(hash, u);
          found.put(hash, u);
        });
    return found;
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
}
