package io.elavira.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code -j, --json} flag of the commands with a JSON output; also accepted before the command.
 * Under it, errors are JSON too (see {@link ErrorJson}).
 */
final class JsonOption {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-j", "--json"},
      description =
          "Print one JSON object on standard output; errors too, as "
              + "{\"error\": {\"type\", \"message\"}}.")
  private boolean json;

  /** Whether JSON was asked for, before or after the command. */
  boolean enabled() {
    return json || ElaviraCli.inheritedFlag(mixee, "json", JsonOption.class, o -> o.json);
  }
}
