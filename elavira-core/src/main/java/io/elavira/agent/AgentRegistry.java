package io.elavira.agent;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The agents of one home: their configurations, stored in the home's database, and the running
 * agents built from them on the home's one shared {@link ElaviraStore}.
 *
 * <pre>{@code
 * try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
 *     AgentRegistry agents = AgentRegistry.builder(store, components).build()) {
 *   agents.create(AgentSpecs.read(Path.of("contracts.yaml")));
 *   Answer answer = agents.ask(null, "alice", "c1", "Quels sont les frais de résiliation ?");
 *   answer.route(); // which agent, retrieval or not, local or remote, and why
 * }
 * }</pre>
 *
 * <p><b>Changes while running.</b> Agents are created, updated and deleted at any time, by this
 * registry or by another process on the same home. Before each request the registry reads the
 * agent's configuration version (one indexed lookup); when it changed, the agent is rebuilt from
 * the new configuration for that request, and the old one is closed once the requests already
 * running on it have finished. Agents are built lazily, on their first request.
 *
 * <p><b>Threading.</b> Thread-safe. Requests run in parallel; building an agent holds the
 * registry's lock (other requests wait for it).
 *
 * <p><b>Lifecycle.</b> {@link #close()} closes the running agents (cancelling their calls), the
 * models and indexes the registry made through its {@link AgentComponents}; the store stays open
 * (its owner closes it).
 */
public final class AgentRegistry implements AutoCloseable {
  /** How long a local chain's health is trusted before the router checks it again. */
  public static final Duration DEFAULT_HEALTH_TTL = Duration.ofSeconds(10);

  private final ElaviraStore store;
  private final AgentComponents components;
  private final Router router;
  private final AgentSpec defaultSpec;
  private final AgentAssembly assembly;
  private final Map<String, LiveAgent> live = new HashMap<>();
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
  private boolean closed;

  private record Parsed(long version, AgentSpec spec) {}

  private AgentRegistry(Builder b, ElaviraStore store, AgentComponents components) {
    this.store = store;
    this.components = components;
    this.router = b.router;
    this.defaultSpec =
        b.defaultSpec != null ? b.defaultSpec : AgentSpec.builder(router.defaultAgent()).build();
    this.assembly = new AgentAssembly(store, components, router, b.healthTtl, b.nanoTime);
  }

  /**
   * A builder over the home's store and the host's components.
   *
   * @param store the home's store, shared by every agent; not closed by the registry
   * @param components makes the models and indexes the configurations name
   */
  public static Builder builder(ElaviraStore store, AgentComponents components) {
    return new Builder(store, components);
  }

  /**
   * Stores a new agent.
   *
   * @return the stored configuration
   * @throws AgentConfigException when a component it names cannot be made (naming the module)
   * @throws IllegalArgumentException when an agent with that id already has a configuration
   * @throws io.elavira.ElaviraException when the database fails
   */
  public AgentSpec create(AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    components.check(spec);
    store.agents().create(spec.id(), spec.description(), AgentSpecs.toJson(spec), null);
    return spec;
  }

  /**
   * Replaces an agent's configuration; its next request runs on the new one.
   *
   * @return the stored configuration
   * @throws AgentConfigException when a component it names cannot be made
   * @throws IllegalArgumentException when the agent has no configuration to update
   * @throws io.elavira.ElaviraException when the database fails
   */
  public AgentSpec update(AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    components.check(spec);
    store.agents().update(spec.id(), spec.description(), AgentSpecs.toJson(spec), null);
    return spec;
  }

  /**
   * Deletes an agent with its documents and conversations; requests running on it finish first.
   *
   * @return whether an agent with a configuration was deleted
   * @throws io.elavira.ElaviraException when the database fails
   */
  public boolean delete(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    boolean deleted = store.agents().delete(agentId, null);
    synchronized (this) {
      retire(agentId);
    }
    return deleted;
  }

  /**
   * The stored configuration of an agent.
   *
   * @return it, or empty when the agent has none
   * @throws AgentConfigException when the stored configuration cannot be read any more
   */
  public Optional<AgentSpec> find(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return store.agents().find(agentId).filter(StoredAgent::configured).map(this::parse);
  }

  /** The stored configuration version of an agent, 0 when it has none. */
  public long version(String agentId) {
    return store.agents().version(agentId);
  }

  /** Every agent with a stored configuration, by id. */
  public List<AgentSpec> list() {
    return store.agents().list().stream().filter(StoredAgent::configured).map(this::parse).toList();
  }

  /** The router picking agents and routes. */
  public Router router() {
    return router;
  }

  /**
   * Answers through the agent asked for, or the one the {@link Router} picks, on its current
   * configuration. The answer's {@link Answer#route()} says which agent (and why it was picked),
   * whether its documents were searched, which chain answered, and why; it is stored with the
   * answer ({@link #route(String)}), as the route of an answer given by an agent held through
   * {@link #withAgent} or {@link #lease} is (its first reason then says the agent was named).
   *
   * @param agentId the agent, or null to pick by description (the default agent when none matches)
   * @param conversationId the conversation; it belongs to the agent that first answered in it
   * @throws IllegalArgumentException when {@code agentId} names no agent (listing those that
   *     exist), or as {@link ElaviraAgent#ask(String, String, String)}
   * @throws AgentConfigException when a component of the agent cannot be made
   * @throws IllegalStateException when the registry is closed
   */
  public Answer ask(
      @Nullable String agentId, String userId, String conversationId, String question) {
    Objects.requireNonNull(question, "question");
    Router.AgentChoice choice =
        router.pickAgent(agentId, question, agentId == null ? list() : List.of());
    // The pick's reason goes into the route the agent records with its answer, in the same write.
    return assembly.picked(
        choice.reason(),
        () -> withAgent(choice.agentId(), agent -> agent.ask(userId, conversationId, question)));
  }

  /**
   * Runs {@code work} with the agent on its current configuration (to index documents, list them,
   * read history...). The agent stays open until {@code work} returns, even if its configuration
   * changes meanwhile; do not keep it afterwards.
   *
   * @throws IllegalArgumentException when no such agent exists (listing those that do)
   * @throws AgentConfigException when a component of the agent cannot be made
   * @throws IllegalStateException when the registry is closed
   */
  public <T> T withAgent(String agentId, Function<ElaviraAgent, T> work) {
    Objects.requireNonNull(work, "work");
    LiveAgent agent = acquire(Objects.requireNonNull(agentId, "agentId"));
    try {
      return work.apply(agent.agent());
    } finally {
      agent.release();
    }
  }

  /**
   * Holds the agent on its current configuration until the lease is closed: {@link #withAgent} for
   * work that does not fit a function (a request handler that streams or throws checked
   * exceptions).
   *
   * @throws IllegalArgumentException when no such agent exists (listing those that do)
   * @throws AgentConfigException when a component of the agent cannot be made
   * @throws IllegalStateException when the registry is closed
   */
  public AgentLease lease(String agentId) {
    return new AgentLease(acquire(Objects.requireNonNull(agentId, "agentId")));
  }

  /**
   * How the stored answer with this trace id was routed: by {@link #ask}, or by an agent of this
   * home held through {@link #withAgent} or {@link #lease} ({@code ask} or {@code stream}). The
   * whole trace (attempts, consensus) is {@link io.elavira.store.ConversationStore#answer(String)}.
   *
   * @return the route, or empty when the answer is unknown or was not routed
   * @throws io.elavira.ElaviraException when the database fails
   */
  public Optional<Route> route(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return store.conversations().answer(traceId).flatMap(t -> Optional.ofNullable(t.route()));
  }

  /** The ids a request may name: the configured agents and the default one. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    list().forEach(s -> ids.add(s.id()));
    if (!ids.contains(router.defaultAgent())) {
      ids.add(router.defaultAgent());
    }
    ids.sort(null);
    return ids;
  }

  private synchronized LiveAgent acquire(String agentId) {
    if (closed) {
      throw new IllegalStateException("AgentRegistry is closed");
    }
    LiveAgent current = live.get(agentId);
    long version = store.agents().version(agentId);
    if (current != null && current.version() == version) {
      return current.retain();
    }
    AgentSpec spec;
    Optional<StoredAgent> stored = store.agents().find(agentId).filter(StoredAgent::configured);
    if (stored.isPresent()) {
      spec = parse(stored.get());
      version = stored.get().version();
    } else if (agentId.equals(defaultSpec.id())) {
      spec = defaultSpec;
      version = 0;
    } else {
      retire(agentId);
      throw new IllegalArgumentException(
          "no agent '" + agentId + "' in " + store.databaseFile() + "; agents: " + ids());
    }
    if (current != null && current.version() == version) {
      return current.retain();
    }
    LiveAgent fresh = assembly.build(spec, version);
    live.put(agentId, fresh);
    if (current != null) {
      current.release(); // closes once its running requests have finished
    }
    return fresh.retain();
  }

  private void retire(String agentId) {
    LiveAgent old = live.remove(agentId);
    if (old != null) {
      old.release();
    }
  }

  private AgentSpec parse(StoredAgent stored) {
    String config = Objects.requireNonNull(stored.config(), "config");
    Parsed cached = parsed.get(stored.id());
    if (cached != null && cached.version() == stored.version()) {
      return cached.spec();
    }
    AgentSpec spec =
        AgentSpecs.fromJson(config, "agent '" + stored.id() + "' in " + store.databaseFile());
    parsed.put(stored.id(), new Parsed(stored.version(), spec));
    return spec;
  }

  /**
   * Closes the running agents (cancelling their calls) and the models and indexes the registry
   * made. The store stays open. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    live.values().forEach(LiveAgent::close);
    live.clear();
    assembly.close();
  }

  @Override
  public String toString() {
    return "AgentRegistry[" + store.databaseFile() + (closed ? ", closed]" : "]");
  }

  /** Configures an {@link AgentRegistry}. Each option may be set once; not thread-safe. */
  public static final class Builder {
    private final ElaviraStore store;
    private final AgentComponents components;
    private Router router = Router.withDefaults();
    private boolean routerSet;
    private @Nullable AgentSpec defaultSpec;
    private Duration healthTtl = DEFAULT_HEALTH_TTL;
    private boolean healthTtlSet;
    private LongSupplier nanoTime = System::nanoTime;
    private boolean nanoTimeSet;

    private Builder(ElaviraStore store, AgentComponents components) {
      this.store = Objects.requireNonNull(store, "store");
      this.components = Objects.requireNonNull(components, "components");
    }

    /**
     * Picks agents and routes. Default {@link Router#withDefaults()}.
     *
     * @throws IllegalStateException when set already
     */
    public Builder router(Router router) {
      if (routerSet) {
        throw new IllegalStateException("router(...) was already set");
      }
      this.router = Objects.requireNonNull(router, "router");
      this.routerSet = true;
      return this;
    }

    /**
     * The configuration of the router's default agent while none is stored for it. Default: {@link
     * AgentSpec#builder(String)} with every default (no model: extractive answers).
     *
     * @throws IllegalStateException when set already
     */
    public Builder defaultAgent(AgentSpec spec) {
      if (defaultSpec != null) {
        throw new IllegalStateException("defaultAgent(...) was already set");
      }
      this.defaultSpec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * How long a local chain's health is trusted by the router. Default {@link
     * #DEFAULT_HEALTH_TTL}.
     *
     * @throws IllegalArgumentException when negative
     * @throws IllegalStateException when set already
     */
    public Builder healthTtl(Duration healthTtl) {
      if (healthTtlSet) {
        throw new IllegalStateException("healthTtl(...) was already set");
      }
      if (healthTtl.isNegative()) {
        throw new IllegalArgumentException("healthTtl must not be negative, got " + healthTtl);
      }
      this.healthTtl = healthTtl;
      this.healthTtlSet = true;
      return this;
    }

    /**
     * The clock of health expiry, in nanoseconds (tests). Default {@link System#nanoTime()}.
     *
     * @throws IllegalStateException when set already
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      if (nanoTimeSet) {
        throw new IllegalStateException("nanoTime(...) was already set");
      }
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      this.nanoTimeSet = true;
      return this;
    }

    /**
     * The registry. Builds no agent yet: each is built on its first request.
     *
     * @throws IllegalArgumentException when the default agent's id is not the router's
     */
    public AgentRegistry build() {
      if (defaultSpec != null && !defaultSpec.id().equals(router.defaultAgent())) {
        throw new IllegalArgumentException(
            "defaultAgent id '"
                + defaultSpec.id()
                + "' differs from the router's default agent '"
                + router.defaultAgent()
                + "'");
      }
      return new AgentRegistry(this, store, components);
    }
  }
}
