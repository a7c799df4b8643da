package io.elavira.examples.cli;

import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.agent.AgentLease;
import io.elavira.agent.AgentRegistry;
import io.elavira.agent.AgentSpec;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An agent of the home other than {@code default}, run by the home's {@link AgentRegistry} with its
 * own stored configuration: system prompt, provider chain or consensus, embedding model, retrieval,
 * memory, guard, cache and remote policy. Each command reads the configuration afresh, so an agent
 * changed by {@code elavira agents update} answers with its new configuration on the next command.
 *
 * <p>The command line's provider and index options are refused for such an agent (see {@link
 * #refuseOverrides}): its configuration is the one place that says how it answers. The one
 * exception is {@code --offline}, which only takes away: the agent answers extractively, its models
 * never called. Not thread-safe; closed once by its session.
 */
final class ConfiguredAgent implements AutoCloseable {
  private final AgentRegistry registry;
  private final AgentLease lease;
  private final boolean offline;

  private ConfiguredAgent(AgentRegistry registry, AgentLease lease, boolean offline) {
    this.registry = registry;
    this.lease = lease;
    this.offline = offline;
  }

  /** Whether {@code agentId} is run through the registry: every agent but {@code default}. */
  static boolean configured(String agentId) {
    return !agentId.equals(AgentOption.DEFAULT_AGENT);
  }

  /**
   * Refuses the provider and index options given with {@code --agent ID}, before anything is
   * opened.
   *
   * @throws ElaviraException naming the options given and what to do instead
   */
  static void refuseOverrides(
      String agentId, @Nullable LlmOptions llm, @Nullable IndexOptions indexes) {
    List<String> given = new ArrayList<>();
    if (llm != null) {
      llm.givenOptions().stream().filter(o -> !o.equals("--offline")).forEach(given::add);
    }
    if (indexes != null) {
      given.addAll(indexes.givenOptions());
    }
    if (!given.isEmpty()) {
      throw new ElaviraException(
          "Agent '"
              + agentId
              + "' answers with its own configuration (models, retrieval); "
              + String.join(", ", given)
              + (given.size() == 1 ? " is" : " are")
              + " not used with --agent "
              + agentId
              + ": drop "
              + (given.size() == 1 ? "it" : "them")
              + ", or change the agent (elavira agents show "
              + agentId
              + ", then elavira agents update "
              + agentId
              + " FILE). --offline is accepted: it answers without calling the agent's models.");
    }
  }

  /**
   * Opens the home's registry and holds the agent on its current configuration.
   *
   * @param embeddings the embedding model the command loaded, used when the agent names it
   * @param offline whether the agent's models must not be called (extractive answers)
   * @throws ElaviraException when the agent has no configuration (listing those that do), or a
   *     component it names cannot be made
   */
  static ConfiguredAgent open(
      ElaviraStore store,
      Path home,
      String agentId,
      EmbeddingModel embeddings,
      Function<String, @Nullable String> environment,
      boolean offline) {
    if (store.agents().find(agentId).filter(StoredAgent::configured).isEmpty()) {
      throw AgentsCommand.unknown(store.agents(), agentId, home);
    }
    AgentRegistry registry =
        AgentRegistry.builder(store, HomeComponents.of(home, embeddings, environment, offline))
            .build();
    try {
      return new ConfiguredAgent(registry, registry.lease(agentId), offline);
    } catch (IllegalArgumentException e) {
      registry.close();
      throw AgentsCommand.unknown(store.agents(), agentId, home); // deleted meanwhile
    } catch (RuntimeException | Error e) {
      registry.close();
      throw e;
    }
  }

  /** The agent, open until this is closed. */
  ElaviraAgent agent() {
    return lease.agent();
  }

  /**
   * Whether the agent may call a model: its configuration names one and the command is not offline.
   */
  boolean hasLlm() {
    AgentSpec spec = lease.spec();
    return !offline && (!spec.providers().isEmpty() || spec.consensus() != null);
  }

  /** Releases the agent and closes the registry with the models it made. */
  @Override
  public void close() {
    try {
      lease.close();
    } finally {
      registry.close();
    }
  }
}
