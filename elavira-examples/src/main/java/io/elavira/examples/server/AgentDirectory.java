package io.elavira.examples.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.agent.AgentComponents;
import io.elavira.agent.AgentConfigException;
import io.elavira.agent.AgentLease;
import io.elavira.agent.AgentRegistry;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.AgentSpecs;
import io.elavira.agent.ProviderSpec;
import io.elavira.examples.cli.ErrorJson;
import io.elavira.store.AgentStore;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agents of the server's home, by id: the agent the server runs (its default one) and the
 * agents configured in the home's agent registry (the {@code agents} table that {@code elavira
 * agents} and {@link io.elavira.agent.AgentRegistry} use). Configurations are the files of
 * docs/config-example.json, sent as JSON (or YAML with {@code Content-Type: application/yaml}) and
 * parsed by {@link AgentSpecs}, which refuses unknown fields and literal secrets.
 *
 * <p>A request naming a configured agent is answered by that agent, on its own configuration
 * (system prompt, models, retrieval, guard, cache), through the home's {@link AgentRegistry}:
 * opened on the first such request, it builds one live agent per id shared by the requests,
 * rebuilds it on the next request after its configuration changed (here, through {@code elavira
 * agents} or another server on the same home), and is closed with the server ({@link #close()}).
 *
 * <p>Thread-safe: the store and the registry are; the registry is opened under this object's lock.
 */
final class AgentDirectory implements AutoCloseable {
  /** Source name of a configuration sent in a request, as error messages show it. */
  static final String SOURCE = "agent configuration";

  /**
   * An agent as the API shows it: never a secret (configurations cannot hold one), the full
   * configuration only when one agent is asked for.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AgentView(
      String id,
      String description,
      boolean isDefault,
      boolean configured,
      long version,
      List<String> providers,
      int documents,
      @Nullable JsonNode config) {}

  /**
   * A request's hold on the agent it named: close it when the request ends (the server's own agent
   * needs no release; a registry agent stays open until its last hold is closed).
   */
  static final class Hold implements AutoCloseable {
    private final ElaviraAgent agent;
    private final @Nullable AgentLease lease;

    private Hold(ElaviraAgent agent, @Nullable AgentLease lease) {
      this.agent = agent;
      this.lease = lease;
    }

    ElaviraAgent agent() {
      return agent;
    }

    @Override
    public void close() {
      if (lease != null) {
        lease.close();
      }
    }
  }

  private final ElaviraAgent agent;
  private final ElaviraStore store;
  private final ObjectMapper mapper;
  private final AgentComponents components;
  private @Nullable AgentRegistry registry; // guarded by this
  private boolean closed; // guarded by this

  AgentDirectory(
      ElaviraAgent agent, ElaviraStore store, ObjectMapper mapper, AgentComponents components) {
    this.agent = agent;
    this.store = store;
    this.mapper = mapper;
    this.components = components;
  }

  /**
   * The agent named by a request, the default one when none is named, held until the hold is
   * closed.
   *
   * @throws ApiException 404 for an unknown agent
   * @throws AgentConfigException when a component of a configured agent cannot be made
   */
  Hold resolve(@Nullable String agentId) {
    String id = resolveId(agentId);
    if (id.equals(agent.agentId())) {
      return new Hold(agent, null);
    }
    AgentLease lease;
    try {
      lease = registry().lease(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Agent " + printable(id)); // deleted meanwhile
    }
    return new Hold(lease.agent(), lease);
  }

  /**
   * The id of the agent named by a request (the default one when none is named), checked to exist,
   * for the routes that need no running agent.
   *
   * @throws ApiException 404 for an unknown agent
   */
  String resolveId(@Nullable String agentId) {
    if (agentId == null || agentId.isBlank() || agentId.equals(agent.agentId())) {
      return agent.agentId();
    }
    if (configured(agentId).isEmpty()) {
      throw ApiException.notFound("Agent " + printable(agentId));
    }
    return agentId;
  }

  private synchronized AgentRegistry registry() {
    if (closed) {
      throw new ApiException(503, ErrorJson.ELAVIRA, "The server is stopping.");
    }
    AgentRegistry r = registry;
    if (r == null) {
      r = AgentRegistry.builder(store, components).build();
      registry = r;
    }
    return r;
  }

  /** Closes the registry's agents and the models they made; the store stays open. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }

  /** The default agent. */
  ElaviraAgent defaultAgent() {
    return agent;
  }

  /** The default agent, then every configured agent by id. */
  List<AgentView> list() {
    List<AgentView> views = new ArrayList<>();
    views.add(defaultView(false));
    for (StoredAgent stored : store.agents().list()) {
      if (stored.configured() && !stored.id().equals(agent.agentId())) {
        views.add(view(stored, false));
      }
    }
    return views;
  }

  /** One agent, with its configuration when it has one. */
  Optional<AgentView> find(String agentId) {
    if (agentId.equals(agent.agentId())) {
      return Optional.of(defaultView(true));
    }
    return configured(agentId).map(s -> view(s, true));
  }

  /**
   * Creates an agent from a configuration.
   *
   * @throws ApiException 400 for an invalid configuration (naming the field), 409 when the agent
   *     exists
   */
  AgentView create(String body, @Nullable String contentType) {
    AgentSpec spec = parse(body, contentType);
    refuseDefault(spec.id(), "created");
    if (configured(spec.id()).isPresent()) {
      throw conflict(spec.id());
    }
    try {
      store.agents().create(spec.id(), spec.description(), AgentSpecs.toJson(spec), null);
    } catch (IllegalArgumentException e) {
      throw conflict(spec.id()); // created by another request meanwhile
    }
    return find(spec.id()).orElseThrow();
  }

  /**
   * Replaces the configuration of the agent {@code agentId}.
   *
   * @throws ApiException 400 for an invalid configuration or one naming another id, 404 for an
   *     unknown agent
   */
  AgentView replace(String agentId, String body, @Nullable String contentType) {
    refuseDefault(agentId, "replaced");
    AgentSpec spec = parse(body, contentType);
    if (!spec.id().equals(agentId)) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT,
          "The configuration's field 'id' is "
              + printable(spec.id())
              + ", not "
              + printable(agentId)
              + ": an agent keeps its id.");
    }
    AgentStore agents = store.agents();
    if (configured(agentId).isEmpty()) {
      throw ApiException.notFound("Agent " + printable(agentId));
    }
    try {
      agents.update(agentId, spec.description(), AgentSpecs.toJson(spec), null);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Agent " + printable(agentId)); // deleted meanwhile
    }
    return find(agentId).orElseThrow(() -> ApiException.notFound("Agent " + printable(agentId)));
  }

  /**
   * Deletes the agent {@code agentId} with its documents and conversations.
   *
   * @return the number of its documents that were deleted
   * @throws ApiException 404 for an unknown agent, 409 for the default one
   */
  int delete(String agentId) {
    refuseDefault(agentId, "deleted");
    if (configured(agentId).isEmpty()) {
      throw ApiException.notFound("Agent " + printable(agentId));
    }
    int documents = store.documents().list(agentId).size();
    if (!registry().delete(agentId)) { // closes its live agent once its requests have finished
      throw ApiException.notFound("Agent " + printable(agentId));
    }
    return documents;
  }

  private Optional<StoredAgent> configured(String agentId) {
    return store.agents().find(agentId).filter(StoredAgent::configured);
  }

  private void refuseDefault(String agentId, String what) {
    if (agentId.equals(agent.agentId())) {
      throw new ApiException(
          409,
          ApiException.CONFLICT,
          "Agent "
              + printable(agentId)
              + " is the one this server runs; it is configured by the server's start options,"
              + " not "
              + what
              + " through the API.");
    }
  }

  private static ApiException conflict(String agentId) {
    return new ApiException(
        409,
        ApiException.CONFLICT,
        "Agent " + printable(agentId) + " exists already: replace it with PUT /api/agents/{id}.");
  }

  /** The configuration in the body: YAML when the content type says so, JSON otherwise. */
  private static AgentSpec parse(String body, @Nullable String contentType) {
    if (body.isBlank()) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT,
          "The request needs an agent configuration as its body (see docs/config-example.json).");
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    AgentSpec spec;
    try {
      spec =
          type.contains("yaml")
              ? AgentSpecs.fromYaml(body, SOURCE)
              : AgentSpecs.fromJson(body, SOURCE);
    } catch (AgentConfigException e) {
      throw ApiException.badRequest(ErrorJson.INVALID_ARGUMENT, Objects.toString(e.getMessage()));
    }
    return checkModules(spec);
  }

  /** Refuses a provider or embedding model that no module on the class path provides. */
  private static AgentSpec checkModules(AgentSpec spec) {
    try {
      return AgentSpecs.requireModules(spec);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(ErrorJson.INVALID_ARGUMENT, SOURCE + ": " + e.getMessage());
    }
  }

  private AgentView defaultView(boolean withConfig) {
    Optional<StoredAgent> stored = configured(agent.agentId());
    if (stored.isPresent()) {
      AgentView v = view(stored.get(), withConfig);
      return new AgentView(
          v.id(),
          v.description(),
          true,
          true,
          v.version(),
          v.providers(),
          v.documents(),
          v.config());
    }
    return new AgentView(
        agent.agentId(), "", true, false, 0, List.of(), agent.listDocuments().size(), null);
  }

  private AgentView view(StoredAgent stored, boolean withConfig) {
    AgentSpec spec =
        AgentSpecs.fromJson(
            Objects.requireNonNull(stored.config(), "config"), "agent " + stored.id());
    JsonNode config = null;
    if (withConfig) {
      try {
        config = mapper.readTree(AgentSpecs.toJson(spec));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot show agent " + stored.id(), e);
      }
    }
    return new AgentView(
        stored.id(),
        spec.description(),
        false,
        true,
        stored.version(),
        spec.providers().stream().map(ProviderSpec::label).toList(),
        store.documents().list(stored.id()).size(),
        config);
  }

  /** An id as it may be echoed: at most 64 characters. */
  static String printable(String id) {
    return id.length() <= 64 ? id : id.substring(0, 64) + "...";
  }
}
