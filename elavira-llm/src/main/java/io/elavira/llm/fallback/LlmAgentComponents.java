package io.elavira.llm.fallback;

import io.elavira.agent.AgentComponents;
import io.elavira.agent.AgentConfigException;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.ConsensusSpec;
import io.elavira.agent.ProviderSpec;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviders;
import io.elavira.llm.consensus.ConsensusProvider;
import io.elavira.llm.consensus.ConsensusStrategy;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AgentComponents} of a host with elavira-llm: besides single providers, it builds the
 * chains and consensus an {@link AgentSpec} names, so that an {@link
 * io.elavira.agent.AgentRegistry} runs every agent on its own models.
 *
 * <pre>{@code
 * AgentComponents components = LlmAgentComponents.builder()
 *     .lexicalIndexes(agentId -> LuceneLexicalIndex.open(home.resolve("index/agents/" + agentId)))
 *     .build();
 * AgentRegistry agents = AgentRegistry.builder(store, components).build();
 * }</pre>
 *
 * <ul>
 *   <li>A chain of several providers becomes a {@link FallbackProvider} (in the configuration's
 *       order, each provider without retries of its own: the next provider is the retry). The
 *       registry asks for the local chain and, only when the agent allows remote models, for the
 *       remote chain separately; its router picks between them.
 *   <li>A {@link ConsensusSpec} becomes a {@link ConsensusProvider} with its strategy, workers,
 *       merger (the scoring model under {@code best_of}) and per-worker timeout ({@link
 *       Builder#workerTimeout} when the configuration gives none), tried before the chain's other
 *       providers.
 *   <li>Lexical and hybrid retrieval use the index made by {@link Builder#lexicalIndexes}, when the
 *       host gives one (elavira-vector's {@code LuceneLexicalIndex}); without it such agents are
 *       refused with a message saying so.
 * </ul>
 *
 * <p>Immutable and thread-safe. What it returns is owned (and closed) by the caller: a chain or
 * consensus closes the providers it was made of.
 */
public final class LlmAgentComponents implements AgentComponents {
  /** The worker timeout of a consensus whose configuration gives none. */
  public static final Duration DEFAULT_WORKER_TIMEOUT = ConsensusProvider.DEFAULT_WORKER_TIMEOUT;

  private final LlmProviders providers;
  private final EmbeddingModels embeddings;
  private final @Nullable Function<String, LexicalIndex> lexicalIndexes;
  private final Function<String, @Nullable String> environment;
  private final Duration workerTimeout;

  private LlmAgentComponents(Builder b) {
    this.providers = b.providers != null ? b.providers : LlmProviders.load();
    this.embeddings = b.embeddings != null ? b.embeddings : EmbeddingModels.load();
    this.lexicalIndexes = b.lexicalIndexes;
    this.environment = b.environment != null ? b.environment : System::getenv;
    this.workerTimeout = b.workerTimeout != null ? b.workerTimeout : DEFAULT_WORKER_TIMEOUT;
  }

  /** A builder; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks that every provider, worker and merger has a module, that the consensus strategy exists
   * and has the merger it needs (and none it does not use), that the embedding model has a module,
   * and that lexical or hybrid retrieval has an index. Makes nothing.
   *
   * @throws AgentConfigException naming the agent and what is missing
   */
  @Override
  public void check(AgentSpec spec) {
    String agent = "agent '" + spec.id() + "': ";
    try {
      embeddings.factory(spec.embeddingModel());
      for (ProviderSpec p : spec.providers()) {
        providers.factory(p.name());
      }
      ConsensusSpec consensus = spec.consensus();
      if (consensus != null) {
        strategy(consensus);
        for (ProviderSpec p : consensus.workers()) {
          providers.factory(p.name());
        }
        ProviderSpec merger = consensus.merger();
        if (merger != null) {
          providers.factory(merger.name());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException(agent + e.getMessage(), e);
    }
    if (spec.retrieval().mode() != RetrievalMode.DENSE && lexicalIndexes == null) {
      throw new AgentConfigException(
          agent
              + "retrieval mode "
              + spec.retrieval().mode()
              + " needs a lexical index, and this host makes none: use mode dense, or give"
              + " LlmAgentComponents.builder().lexicalIndexes(...) (elavira-vector's"
              + " LuceneLexicalIndex)");
    }
  }

  /**
   * Loads the embedding model named {@code name} through the {@link EmbeddingModels} given.
   *
   * @throws AgentConfigException when no module provides it (naming the artifact to add)
   */
  @Override
  public EmbeddingModel embeddingModel(String name) {
    try {
      return embeddings.create(name);
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The consensus (when given) then the providers, as one model: the one model itself when there is
   * only one, else a {@link FallbackProvider} owning them.
   *
   * @throws AgentConfigException when a provider cannot be made or the consensus is invalid (what
   *     was already made is closed)
   */
  @Override
  public @Nullable LlmProvider llm(List<ProviderSpec> chain, @Nullable ConsensusSpec consensus) {
    List<LlmProvider> made = new ArrayList<>();
    try {
      if (consensus != null) {
        made.add(consensus(consensus));
      }
      boolean chained = made.size() + chain.size() > 1;
      for (ProviderSpec p : chain) {
        made.add(provider(p, chained));
      }
      if (made.size() <= 1) {
        return made.isEmpty() ? null : made.get(0);
      }
      FallbackProvider.Builder b = FallbackProvider.builder().closeProviders(true);
      made.forEach(b::add);
      return b.build();
    } catch (RuntimeException e) {
      closeAll(made, e);
      throw e instanceof IllegalArgumentException || e instanceof IllegalStateException
          ? new AgentConfigException(String.valueOf(e.getMessage()), e)
          : e;
    }
  }

  /**
   * The index made by {@link Builder#lexicalIndexes} for the agent, or null when the host gave
   * none.
   */
  @Override
  public @Nullable LexicalIndex lexicalIndex(String agentId) {
    return lexicalIndexes == null ? null : lexicalIndexes.apply(agentId);
  }

  private ConsensusProvider consensus(ConsensusSpec spec) {
    ConsensusStrategy strategy = strategy(spec);
    Duration timeout = spec.workerTimeout();
    ConsensusProvider.Builder b =
        ConsensusProvider.builder()
            .strategy(strategy)
            .workerTimeout(timeout != null ? timeout : workerTimeout)
            .closeProviders(true);
    List<LlmProvider> made = new ArrayList<>();
    try {
      for (ProviderSpec worker : spec.workers()) {
        LlmProvider p = provider(worker, false);
        made.add(p);
        b.worker(p);
      }
      ProviderSpec merger = spec.merger();
      if (merger != null) {
        LlmProvider m = provider(merger, false);
        made.add(m);
        if (strategy == ConsensusStrategy.MERGER) {
          b.merger(m);
        } else {
          b.scorer(m);
        }
      }
      return b.build();
    } catch (RuntimeException e) {
      closeAll(made, e);
      throw e;
    }
  }

  /** The strategy, checked against the merger it needs or does not use. */
  private static ConsensusStrategy strategy(ConsensusSpec spec) {
    ConsensusStrategy s = ConsensusStrategy.fromName(spec.strategy());
    if (s == ConsensusStrategy.MERGER && spec.merger() == null) {
      throw new IllegalArgumentException(
          "consensus strategy merger needs consensus.merger, the model that writes the answer");
    }
    if ((s == ConsensusStrategy.MAJORITY || s == ConsensusStrategy.WEIGHTED)
        && spec.merger() != null) {
      throw new IllegalArgumentException(
          "consensus strategy " + s.configName() + " uses no merger: remove consensus.merger");
    }
    return s;
  }

  private LlmProvider provider(ProviderSpec p, boolean chained) {
    // In a chain the next provider is the retry: a dead one must fail fast, not back off.
    Map<String, String> options = chained ? Map.of("maxRetries", "0") : Map.of();
    return providers.create(
        p.name(),
        new LlmProviderConfig(p.baseUrl(), p.model(), p.apiKeyEnv(), options, environment));
  }

  private static void closeAll(List<LlmProvider> made, RuntimeException failure) {
    for (LlmProvider p : made) {
      try {
        p.close();
      } catch (RuntimeException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  @Override
  public String toString() {
    return "LlmAgentComponents[providers="
        + providers.names()
        + ", lexical="
        + (lexicalIndexes != null)
        + "]";
  }

  /**
   * Configures {@link LlmAgentComponents}. Each option may be set once ({@link
   * IllegalStateException}); values are checked at once. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable LlmProviders providers;
    private @Nullable EmbeddingModels embeddings;
    private @Nullable Function<String, LexicalIndex> lexicalIndexes;
    private @Nullable Function<String, @Nullable String> environment;
    private @Nullable Duration workerTimeout;

    private Builder() {}

    /** Where provider names are resolved; default {@link LlmProviders#load()}. */
    public Builder providers(LlmProviders providers) {
      requireUnset(this.providers, "providers");
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /** Where embedding model names are resolved; default {@link EmbeddingModels#load()}. */
    public Builder embeddingModels(EmbeddingModels embeddings) {
      requireUnset(this.embeddings, "embeddingModels");
      this.embeddings = Objects.requireNonNull(embeddings, "embeddingModels");
      return this;
    }

    /**
     * Makes an agent's lexical index from its id (called once per agent per registry; the registry
     * closes it). Default none: lexical and hybrid retrieval are refused.
     */
    public Builder lexicalIndexes(Function<String, LexicalIndex> lexicalIndexes) {
      requireUnset(this.lexicalIndexes, "lexicalIndexes");
      this.lexicalIndexes = Objects.requireNonNull(lexicalIndexes, "lexicalIndexes");
      return this;
    }

    /**
     * Where the providers read the variables named by {@code apiKeyEnv}; default the process
     * environment.
     */
    public Builder environment(Function<String, @Nullable String> environment) {
      requireUnset(this.environment, "environment");
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * The worker timeout of a consensus whose configuration gives none; positive; default {@link
     * #DEFAULT_WORKER_TIMEOUT}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder workerTimeout(Duration workerTimeout) {
      requireUnset(this.workerTimeout, "workerTimeout");
      Objects.requireNonNull(workerTimeout, "workerTimeout");
      if (workerTimeout.isNegative() || workerTimeout.isZero()) {
        throw new IllegalArgumentException("workerTimeout must be positive, got " + workerTimeout);
      }
      this.workerTimeout = workerTimeout;
      return this;
    }

    /** The components; loads the default registries through {@link java.util.ServiceLoader}. */
    public LlmAgentComponents build() {
      return new LlmAgentComponents(this);
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + "(...) was already set");
      }
    }
  }
}
