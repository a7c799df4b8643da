package io.elavira.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenUsage;
import io.elavira.observe.CacheEvent;
import io.elavira.retrieval.internal.Prompt;
import io.elavira.store.CachedResponse;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStore;
import io.elavira.store.ResponseCacheStore;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache, right before the model: serves a complete answer cached for the same (agent,
 * provider, model, parameters, full prompt, document generation, and user when the prompt holds
 * private context), or lets the model answer and caches what it wrote. See {@link
 * ResponseCachePolicy} for what is cached and for how long.
 *
 * <p>Memory (Caffeine, bounded, maintenance on the calling thread: no hidden pool) in front of the
 * home's {@code response_cache} table, which every process on the home shares. Entries never change
 * under a key (the key holds the position of the agent's document change log), so a copy in memory
 * is never stale; expiry is checked on every read. A hit still goes through the record stage (the
 * exchange is stored) and its answer says it came from the cache. A failure to read or write the
 * persisted layer is logged and the request goes on uncached. Thread-safe.
 */
final class ResponseCacheStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCacheStage.class);

  private final String agentId;
  private final ResponseCachePolicy policy;
  private final ResponseCacheStore persisted;
  private final DocumentStore documents;
  private final LlmProvider llm;
  private final GenerationStage generation;
  private final Cache<String, CachedResponse> memory;
  private final long trimEvery;
  private final AtomicLong writes = new AtomicLong();

  ResponseCacheStage(
      String agentId,
      ResponseCachePolicy policy,
      ResponseCacheStore persisted,
      DocumentStore documents,
      LlmProvider llm,
      GenerationStage generation) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.persisted = Objects.requireNonNull(persisted, "persisted");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.llm = Objects.requireNonNull(llm, "llm");
    this.generation = Objects.requireNonNull(generation, "generation");
    this.memory =
        Caffeine.newBuilder().maximumSize(policy.maxEntries()).executor(Runnable::run).build();
    this.trimEvery = Math.min(1000, Math.max(1, policy.maxPersistedEntries() / 10));
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    long started = System.nanoTime();
    Prompt prompt = exchange.prompt();
    ChatRequest request = prompt.request();
    if (!policy.cacheSampled() && policy.isSampled(request.temperature())) {
      exchange.cacheOutcome(CacheEvent.Outcome.SKIPPED_SAMPLED);
      fire(exchange, CacheEvent.Outcome.SKIPPED_SAMPLED, false, null, started);
      return chain.proceed(exchange);
    }
    boolean userScoped;
    String key;
    CachedResponse hit;
    long now = policy.clock().millis();
    try {
      // History, its summary, recalled past conversations and owned documents are the user's.
      userScoped =
          !exchange.history().isEmpty()
              || exchange.summary() != null
              || holdsPrivate(prompt.sources());
      key =
          ResponseCacheKey.of(
              agentId,
              llm.name(),
              requireModel(request),
              userScoped ? exchange.userId() : null,
              documents.lastChange(agentId),
              request);
      hit = lookup(key, now);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not read the response cache of agent {} ({}); answering without it",
          agentId,
          ChunkEmbedder.reason(e));
      return chain.proceed(exchange);
    }
    if (hit != null) {
      exchange.cacheOutcome(CacheEvent.Outcome.HIT);
      fire(exchange, CacheEvent.Outcome.HIT, userScoped, hit, started);
      if (exchange.isCancelled()) {
        throw generation.cancelled(null);
      }
      exchange.deliver(hit.text());
      return new Reply(
          hit.text(),
          AnswerMode.GENERATED,
          null,
          prompt.sources(),
          hit.provider(),
          hit.model(),
          TokenUsage.NONE,
          List.of(),
          false);
    }
    exchange.cacheOutcome(CacheEvent.Outcome.MISS);
    fire(exchange, CacheEvent.Outcome.MISS, userScoped, null, started);
    Reply reply = chain.proceed(exchange);
    if (reply.mode() == AnswerMode.GENERATED && !reply.partial() && !exchange.isCancelled()) {
      store(key, reply);
    }
    return reply;
  }

  private @Nullable CachedResponse lookup(String key, long now) {
    CachedResponse inMemory = memory.getIfPresent(key);
    if (inMemory != null) {
      if (inMemory.liveAt(now)) {
        return inMemory;
      }
      memory.invalidate(key);
      return null;
    }
    CachedResponse found = persisted.find(key, now).orElse(null);
    if (found != null) {
      memory.put(key, found);
    }
    return found;
  }

  private void store(String key, Reply reply) {
    long now = policy.clock().millis();
    CachedResponse entry =
        new CachedResponse(
            key,
            agentId,
            reply.provider(),
            reply.model(),
            reply.text(),
            reply.usage().inputTokens(),
            reply.usage().outputTokens(),
            now,
            saturatedAdd(now, policy.ttl()));
    try {
      persisted.put(entry, now);
      memory.put(key, entry);
      if (writes.incrementAndGet() % trimEvery == 0) {
        int trimmed = persisted.trim(agentId, policy.maxPersistedEntries());
        LOG.debug("Trimmed {} old response cache entries of agent {}", trimmed, agentId);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not write to the response cache of agent {} ({}); the answer is not cached",
          agentId,
          ChunkEmbedder.reason(e));
    }
  }

  /**
   * Whether a passage of the prompt comes from a document private to a user, or from no document at
   * all (a recalled past conversation).
   */
  private boolean holdsPrivate(List<Source> sources) {
    if (sources.isEmpty()) {
      return false;
    }
    Set<String> ids = new LinkedHashSet<>();
    sources.forEach(s -> ids.add(s.documentId()));
    Map<String, DocumentRecord> docs = documents.byIds(ids);
    for (String id : ids) {
      DocumentRecord doc = docs.get(id);
      // Not a document (a recalled conversation), or one gone since retrieval: private.
      if (doc == null || doc.ownerId() != null) {
        return true;
      }
    }
    return false;
  }

  private String requireModel(ChatRequest request) {
    String model = request.model();
    return model != null ? model : llm.defaultModel();
  }

  private void fire(
      Exchange exchange,
      CacheEvent.Outcome outcome,
      boolean userScoped,
      @Nullable CachedResponse hit,
      long startedNanos) {
    Events events = exchange.events();
    if (events.active()) {
      events.cache(
          new CacheEvent(
              exchange.traceId(),
              agentId,
              outcome,
              userScoped,
              hit == null ? null : hit.provider(),
              hit == null ? null : hit.model(),
              Duration.ofNanos(System.nanoTime() - startedNanos)));
    }
  }

  private static long saturatedAdd(long millis, Duration ttl) {
    long ttlMillis = ttl.toMillis();
    return millis > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : millis + ttlMillis;
  }
}
