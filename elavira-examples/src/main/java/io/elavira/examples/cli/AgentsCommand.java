package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.ElaviraException;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.AgentSpecs;
import io.elavira.agent.ProviderSpec;
import io.elavira.store.AgentStore;
import io.elavira.store.StoredAgent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira agents list|create|show|update|delete}: the agents of a home and their
 * configurations (JSON or YAML files, see docs/config-example.json). These commands only read and
 * write the home's records: no model is loaded, and a running agent sees a change at its next
 * question. {@code --agent NAME} on ingest, ask, chat and documents then works with one of them.
 */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "List, create, show, update or delete the agents of the home.",
    subcommands = {
      AgentsCommand.ListAgents.class,
      AgentsCommand.CreateAgent.class,
      AgentsCommand.ShowAgent.class,
      AgentsCommand.UpdateAgent.class,
      AgentsCommand.DeleteAgent.class
    },
    footer = {
      "",
      "Examples:",
      "  elavira agents create docs/config-example.yaml",
      "  elavira ingest --agent contracts ~/Documents/contracts",
      "  elavira ask --agent contracts \"What does cancelling cost?\"",
      "  elavira agents show contracts --json"
    })
final class AgentsCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  // The options every subcommand takes, also accepted between the group and the subcommand
  // ("documents -H DIR list"); the subcommands read them through ElaviraCli.inherited.
  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "home")
  private HomeOptions home;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "json")
  private JsonOption json;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: list, create, show, update or delete.");
  }

  /** {@code agents list}: one line per agent. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "One line per agent: id, version, models, description.",
        "With --json: {agents: [{id, description, version, configured, providers, updatedAt}]}."
      })
  static final class ListAgents implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            List<StoredAgent> agents = store.agents().list();
            if (json.enabled()) {
              ObjectNode root = JSON.createObjectNode();
              ArrayNode list = root.putArray("agents");
              for (StoredAgent a : agents) {
                ObjectNode node = list.addObject();
                node.put("id", a.id());
                node.put("description", a.description());
                node.put("version", a.version());
                node.put("configured", a.configured());
                ArrayNode providers = node.putArray("providers");
                if (a.configured()) {
                  parse(a).providers().forEach(p -> providers.add(p.label()));
                }
                node.put("updatedAt", a.updatedAt() == null ? null : a.updatedAt().toString());
              }
              out.println(JSON.writeValueAsString(root));
            } else if (agents.isEmpty()) {
              out.println(
                  "No agents in "
                      + home.home()
                      + " yet: create one with `elavira agents create FILE`.");
            } else {
              for (StoredAgent a : agents) {
                out.println(line(a));
              }
            }
          });
    }

    private static String line(StoredAgent a) {
      if (!a.configured()) {
        return a.id() + "  (no configuration: created by ingest or ask, defaults apply)";
      }
      AgentSpec spec = parse(a);
      return a.id()
          + "  v"
          + a.version()
          + "  "
          + (spec.providers().isEmpty()
              ? "no model"
              : String.join(",", spec.providers().stream().map(ProviderSpec::label).toList()))
          + (spec.description().isEmpty() ? "" : "  " + abbreviate(spec.description()));
    }
  }

  /** {@code agents create FILE}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an agent from a JSON or YAML file (see docs/config-example.yaml).")
  static final class CreateAgent implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(paramLabel = "FILE", description = "The agent's configuration, .json or .yaml.")
    private Path file;

    @Override
    public Integer call() throws Exception {
      return store(home, json, file, null);
    }
  }

  /** {@code agents update ID FILE}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description =
          "Replace an agent's configuration; a running agent uses it from its next question.")
  static final class UpdateAgent implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "ID", description = "The agent to update.")
    private String id;

    @Parameters(index = "1", paramLabel = "FILE", description = "Its new configuration.")
    private Path file;

    @Override
    public Integer call() throws Exception {
      return store(home, json, file, id);
    }
  }

  /** {@code agents show ID}: the configuration, as YAML (or JSON with --json). */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print an agent's configuration as YAML, or as JSON with --json.")
  static final class ShowAgent implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(paramLabel = "ID", description = "The agent.")
    private String id;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            AgentSpec agent = parse(configured(store.agents(), id, home.home()));
            out.print(json.enabled() ? AgentSpecs.toJson(agent) + "\n" : AgentSpecs.toYaml(agent));
          });
    }
  }

  /** {@code agents delete ID}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an agent with its documents and conversations.")
  static final class DeleteAgent implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(paramLabel = "ID", description = "The agent.")
    private String id;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            configured(store.agents(), id, home.home());
            int documents = store.documents().list(id).size();
            store.agents().delete(id, null);
            if (json.enabled()) {
              ObjectNode node = JSON.createObjectNode();
              node.put("deleted", id);
              node.put("documents", documents);
              out.println(JSON.writeValueAsString(node));
            } else {
              out.println(
                  "Deleted agent "
                      + id
                      + " and its "
                      + documents
                      + " document"
                      + (documents == 1 ? "" : "s")
                      + ".");
            }
          });
    }
  }

  /** The stored agent with a configuration, or an error listing the agents that have one. */
  static StoredAgent configured(AgentStore agents, String id, Path home) {
    return agents
        .find(id)
        .filter(StoredAgent::configured)
        .orElseThrow(() -> unknown(agents, id, home));
  }

  /** The error for an agent that does not exist, listing those that do. */
  static ElaviraException unknown(AgentStore agents, String id, Path home) {
    List<String> known =
        agents.list().stream().filter(StoredAgent::configured).map(StoredAgent::id).toList();
    return new ElaviraException(
        "No agent '"
            + id
            + "' in "
            + home
            + "; agents: "
            + (known.isEmpty() ? "none yet (elavira agents create FILE)" : String.join(", ", known))
            + " (and default).");
  }

  /**
   * Refuses a configuration naming a provider or an embedding model that no module on the class
   * path provides, naming the Maven artifact to add.
   */
  static AgentSpec checkModules(AgentSpec agent, Path file) {
    try {
      return AgentSpecs.requireModules(agent);
    } catch (IllegalArgumentException e) {
      throw new ElaviraException(file + ": " + e.getMessage(), e);
    }
  }

  static AgentSpec parse(StoredAgent stored) {
    return AgentSpecs.fromJson(
        java.util.Objects.requireNonNull(stored.config()), "agent '" + stored.id() + "'");
  }

  /**
   * Reads FILE, checks that the modules it names are on the class path, then creates the agent it
   * configures ({@code updatedId} null) or replaces the configuration of agent {@code updatedId},
   * which FILE must configure, and reports the stored version.
   *
   * @return the exit code, 0
   * @throws ElaviraException when FILE cannot be read or parsed, or names a missing module or
   *     another agent than {@code updatedId}
   * @throws IllegalArgumentException when the agent already has a configuration (create) or has
   *     none (update)
   */
  private static int store(HomeOptions home, JsonOption json, Path file, @Nullable String updatedId)
      throws Exception {
    AgentSpec agent = checkModules(AgentSpecs.read(file), file);
    if (updatedId != null && !agent.id().equals(updatedId)) {
      throw new ElaviraException(
          file
              + " configures agent '"
              + agent.id()
              + "', not '"
              + updatedId
              + "': fix its id field.");
    }
    return home.print(
        (store, out) -> {
          String config = AgentSpecs.toJson(agent);
          StoredAgent stored =
              updatedId == null
                  ? store.agents().create(agent.id(), agent.description(), config, null)
                  : store.agents().update(agent.id(), agent.description(), config, null);
          report(out, json, updatedId == null ? "Created" : "Updated", stored);
        });
  }

  private static void report(PrintWriter out, JsonOption json, String verb, StoredAgent stored)
      throws Exception {
    if (json.enabled()) {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", stored.id());
      node.put("version", stored.version());
      out.println(JSON.writeValueAsString(node));
    } else {
      out.println(verb + " agent " + stored.id() + " (version " + stored.version() + ").");
    }
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() <= 70 ? line : line.substring(0, 69) + "…";
  }
}
