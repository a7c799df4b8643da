package io.elavira.examples.cli;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.ElaviraException;
import io.elavira.generate.Profile;
import io.elavira.generate.Profiles;
import io.elavira.generate.StoredProfile;
import io.elavira.llm.LlmProvider;
import io.elavira.store.ElaviraStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira profile show|extract|edit}: the structured profile read from the user's documents
 * (CV sections), every fact with its source, and the user's corrections, kept over later
 * extractions.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "Show, extract again, or correct the profile read from your documents.",
    subcommands = {
      ProfileCommand.Show.class,
      ProfileCommand.Extract.class,
      ProfileCommand.Edit.class
    },
    footer = {
      "",
      "Correct it: elavira profile show --json > profile.json; edit the file (change a fact's"
          + " text or fields, delete a fact, add one without an id); elavira profile edit"
          + " profile.json"
    })
final class ProfileCommand implements Runnable {
  @Spec private CommandSpec spec;

  // The options every subcommand takes, also accepted between the group and the subcommand
  // ("documents -H DIR list"); the subcommands read them through ElaviraCli.inherited.
  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "home")
  private HomeOptions home;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "user")
  private UserOption user;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: show, extract or edit.");
  }

  private static Profiles profiles(ElaviraStore store) {
    return Profiles.builder(store, ElaviraAgentBuilder.DEFAULT_AGENT_ID).build();
  }

  /** {@code profile show}: the latest version, extracted without a model when none is stored. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The latest profile (read from your documents the first time).")
  static final class Show implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "user")
    private UserOption user;

    @Mixin(name = "json")
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            StoredProfile p = profiles(store).latestOrExtract(user.userId());
            if (json.enabled()) {
              out.print(Profiles.toJson(p.profile()));
              out.println();
            } else {
              GenerationPrinter.profile(p, out);
            }
          });
    }
  }

  /** {@code profile extract}: reads the documents again (with the model when one answers). */
  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description = {
        "Read the profile from your documents again, with the language model when one answers",
        "(else the CV rules); your corrections are kept."
      })
  static final class Extract implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "llm")
    private LlmOptions llm;

    @Mixin(name = "user")
    private UserOption user;

    @Override
    public Integer call() {
      llm.validate();
      try (AgentSession session =
          AgentSession.open(home.home(), llm, null, spec.commandLine().getErr())) {
        Profiles.Builder b = Profiles.builder(session.store(), session.agent().agentId());
        LlmProvider model = session.llm();
        if (model != null) {
          b.llm(model);
        }
        GenerationPrinter.profile(b.build().extract(user.userId()), spec.commandLine().getOut());
        return 0;
      }
    }
  }

  /** {@code profile edit FILE}: stores the user's corrected profile as a new version. */
  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = "Store the profile of FILE (as `profile show --json` writes it) as yours.")
  static final class Edit implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "user")
    private UserOption user;

    @Parameters(index = "0", paramLabel = "FILE")
    private Path file;

    @Override
    public Integer call() throws Exception {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ElaviraException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      Profile edited = Profiles.read(text, "file " + file);
      return home.print(
          (store, out) ->
              out.println(
                  "Stored your corrections as profile version "
                      + profiles(store).edit(user.userId(), edited).version()
                      + "; later extractions keep them."));
    }
  }
}
