package io.elavira.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code elavira app NAME ...}: the seed systems Elavira grew from, as runnable apps over the same
 * agent home and options as the other commands (see docs/examples.md).
 */
@Command(
    name = "app",
    mixinStandardHelpOptions = true,
    description = "Run one of the example apps: teacher, personal, career, consensus or streamer.",
    subcommands = {
      TeacherCommand.class,
      PersonalCommand.class,
      CareerCommand.class,
      ConsensusCommand.class,
      StreamerCommand.class
    })
final class AppCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing app: teacher, personal, career, consensus or streamer.");
  }
}
