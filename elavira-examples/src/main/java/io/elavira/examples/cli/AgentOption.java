package io.elavira.examples.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code -a, --agent NAME} option of {@code ingest}, {@code ask}, {@code chat} and {@code
 * documents}: which agent of the home the command works with (each has its own documents and
 * conversations); also accepted before the command. Without it, the {@code default} agent.
 */
final class AgentOption {

  /** The agent when none is named. */
  static final String DEFAULT_AGENT = "default";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-a", "--agent"},
      paramLabel = "NAME",
      description =
          "Agent of the home to use; each has its own documents and conversations (default:"
              + " default). See elavira agents list.")
  private @Nullable String agent;

  /** The agent named on the command line (after or before the command), or the default one. */
  String agentId() {
    String id =
        agent != null
            ? agent
            : ElaviraCli.inherited(mixee, "agent", AgentOption.class, o -> o.agent);
    if (id == null) {
      return DEFAULT_AGENT;
    }
    if (id.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(), "--agent is blank: name the agent, e.g. --agent contracts.");
    }
    return id;
  }
}
