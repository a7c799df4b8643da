package io.elavira.agent;

import io.elavira.ElaviraAgent;
import io.elavira.ElaviraAgentBuilder;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.embed.EmbeddingModel;
import io.elavira.guard.GuardPolicy;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.ElaviraStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds running agents from configurations on the home's one store, sharing what can be shared:
 * one embedding model per name and one lexical index per agent for the registry's lifetime; the
 * language models belong to the agent built with them. {@link #build} and {@link #close} are called
 * under the registry's lock (not thread-safe by themselves); {@link #picked} and the route policies
 * of the agents built are thread-safe. Not API.
 */
final class AgentAssembly implements AutoCloseable {
  private final ElaviraStore store;
  private final AgentComponents components;
  private final Router router;
  private final Duration healthTtl;
  private final LongSupplier nanoTime;
  private final Map<String, EmbeddingModel> embeddingModels = new HashMap<>();
  private final Map<String, LexicalIndex> lexicalIndexes = new HashMap<>();

  /**
   * Why the registry picked the agent of the request running on this thread ({@link #picked}), for
   * the route policy to record first; absent for a held agent, whose caller named it. One per
   * registry (not static): the reason belongs to the registry that picked.
   */
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable String> pickReason = new ThreadLocal<>();

  AgentAssembly(
      ElaviraStore store,
      AgentComponents components,
      Router router,
      Duration healthTtl,
      LongSupplier nanoTime) {
    this.store = store;
    this.components = components;
    this.router = router;
    this.healthTtl = healthTtl;
    this.nanoTime = nanoTime;
  }

  /**
   * A running agent for {@code spec}, routed by the router: its local chain (and consensus), and
   * its remote chain when remote models are allowed.
   *
   * @throws AgentConfigException when a component cannot be made
   */
  LiveAgent build(AgentSpec spec, long version) {
    EmbeddingModel embeddings =
        embeddingModels.computeIfAbsent(spec.embeddingModel(), components::embeddingModel);
    List<LlmProvider> owned = new ArrayList<>();
    try {
      LlmProvider local = components.llm(spec.localProviders(), spec.consensus());
      if (local != null) {
        owned.add(local);
      }
      LlmProvider remote =
          spec.remoteAllowed() ? components.llm(spec.remoteProviders(), null) : null;
      if (remote != null) {
        owned.add(remote);
      }
      Supplier<Health> localHealth =
          local == null
              ? () -> Health.down("no local model")
              : new HealthMemo(local, healthTtl, nanoTime);
      boolean hasLocal = local != null;
      boolean hasRemote = remote != null;
      ElaviraAgentBuilder b =
          ElaviraAgent.builder()
              .store(store)
              .agentId(spec.id())
              .embeddings(embeddings)
              .systemPrompt(spec.systemPrompt())
              .topK(spec.retrieval().topK())
              .minScore(spec.retrieval().minScore())
              .memoryMessages(spec.memoryMessages())
              .retrieval(spec.retrieval().mode())
              .guards(GuardPolicy.builder().questionInjection(spec.guard()).build())
              .routing(
                  (agentId, question) ->
                      router
                          .route(spec, question, hasLocal, localHealth, hasRemote)
                          .withFirstReason(pickReason(spec.id(), question)));
      if (spec.retrieval().mode() != RetrievalMode.DENSE) {
        b.lexical(lexicalIndex(spec.id()));
      }
      Double weakMatchBelow = spec.retrieval().weakMatchBelow();
      if (weakMatchBelow != null) {
        b.weakMatchBelow(weakMatchBelow);
      }
      if (spec.cache().enabled()) {
        // A configuration that enables the cache asks for it, sampled settings included.
        b.responseCache(
            ResponseCachePolicy.builder().ttl(spec.cache().ttl()).cacheSampled(true).build());
      }
      if (local != null) {
        b.llm(local);
      }
      if (remote != null) {
        b.remoteLlm(remote);
      }
      return new LiveAgent(spec, version, b.build(), owned);
    } catch (RuntimeException | Error e) {
      for (LlmProvider llm : owned) {
        try {
          llm.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} (a request on the calling thread) with {@code reason} as the first reason of
   * its route: why the registry picked the agent. Thread-confined; safe to call concurrently.
   */
  <T> T picked(String reason, Supplier<T> work) {
    String outer = pickReason.get();
    pickReason.set(reason);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        pickReason.remove();
      } else {
        pickReason.set(outer);
      }
    }
  }

  /**
   * Why the request's agent answers: the registry's pick when it picked it on this thread, else the
   * caller named it (a held agent, streamed or not).
   */
  private String pickReason(String agentId, String question) {
    String picked = pickReason.get();
    return picked != null ? picked : router.pickAgent(agentId, question, List.of()).reason();
  }

  private LexicalIndex lexicalIndex(String agentId) {
    LexicalIndex index = lexicalIndexes.get(agentId);
    if (index == null) {
      index = components.lexicalIndex(agentId);
      if (index == null) {
        throw new AgentConfigException(
            "agent '"
                + agentId
                + "' asks for lexical or hybrid retrieval but no lexical index is available: give"
                + " the registry AgentComponents that make one (elavira-vector), or use mode"
                + " dense");
      }
      lexicalIndexes.put(agentId, index);
    }
    return index;
  }

  /** Closes the lexical indexes and embedding models made. */
  @Override
  public void close() {
    lexicalIndexes.values().forEach(LexicalIndex::close);
    lexicalIndexes.clear();
    embeddingModels.values().forEach(EmbeddingModel::close);
    embeddingModels.clear();
  }
}
