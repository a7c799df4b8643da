package io.elavira.examples.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code -u, --user} option of {@code ask} and {@code chat}; also accepted before them. */
final class UserOption {

  /** The user when none is named. */
  static final String DEFAULT_USER = "local";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "ID",
      description = "User asking; each user has their own conversations (default: local).")
  private @Nullable String user;

  /** The user asking, never blank. */
  String userId() {
    String id = user;
    if (id == null) {
      String global = ElaviraCli.inherited(mixee, "user", UserOption.class, o -> o.user);
      id = global != null ? global : DEFAULT_USER;
    }
    if (id.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(), "--user is blank: name the user, e.g. --user alice.");
    }
    return id;
  }
}
