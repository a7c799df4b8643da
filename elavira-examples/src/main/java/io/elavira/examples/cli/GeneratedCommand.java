package io.elavira.examples.cli;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.generate.DocumentGenerator;
import io.elavira.generate.GenerateException;
import io.elavira.generate.GeneratedDocument;
import io.elavira.generate.Templates;
import io.elavira.store.ElaviraStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira generated list|show|compare|regenerate}: the documents {@code elavira generate}
 * stored, with their versions, facts and claim-check flags.
 */
@Command(
    name = "generated",
    mixinStandardHelpOptions = true,
    description = "List, show, compare or regenerate the documents `elavira generate` wrote.",
    subcommands = {
      GeneratedCommand.ListGenerated.class,
      GeneratedCommand.ShowGenerated.class,
      GeneratedCommand.CompareGenerated.class,
      GeneratedCommand.Regenerate.class
    })
final class GeneratedCommand implements Runnable {
  @Spec private CommandSpec spec;

  // The options every subcommand takes, also accepted between the group and the subcommand
  // ("documents -H DIR list"); the subcommands read them through ElaviraCli.inherited.
  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "home")
  private HomeOptions home;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: list, show, compare or regenerate.");
  }

  private static DocumentGenerator reader(ElaviraStore store) {
    return DocumentGenerator.builder(store, ElaviraAgentBuilder.DEFAULT_AGENT_ID).build();
  }

  private static GeneratedDocument require(DocumentGenerator g, String id) {
    return g.find(id)
        .orElseThrow(
            () ->
                new GenerateException(
                    "No generated document has the id " + id + "; see `elavira generated list`."));
  }

  /** {@code generated list}: one line per version, newest first. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per version.")
  static final class ListGenerated implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "user")
    private UserOption user;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            List<GeneratedDocument> docs = reader(store).list(user.userId());
            if (docs.isEmpty()) {
              out.println("No generated documents yet: see `elavira generate --help`.");
            }
            docs.forEach(d -> out.println(GenerationPrinter.line(d)));
          });
    }
  }

  /** {@code generated show ID}: the document, its facts with sources, and its flags. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The document, then its facts with their sources and the claim check.")
  static final class ShowGenerated implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "ID")
    private String id;

    @Override
    public Integer call() throws Exception {
      return home.print(
          (store, out) -> {
            GeneratedDocument d = require(reader(store), id);
            if (json.enabled()) {
              out.println(GenerationPrinter.json(d, ""));
            } else {
              GenerationPrinter.document(d, out);
            }
          });
    }
  }

  /** {@code generated compare A B}: a line diff. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = "A line diff of two versions: '- ' only in the first, '+ ' only in the second.")
  static final class CompareGenerated implements Callable<Integer> {
    @Mixin(name = "home")
    private HomeOptions home;

    @Parameters(index = "0", paramLabel = "ID")
    private String first;

    @Parameters(index = "1", paramLabel = "OTHER-ID")
    private String second;

    @Override
    public Integer call() throws Exception {
      return home.print((store, out) -> reader(store).compare(first, second).forEach(out::println));
    }
  }

  /** {@code generated regenerate ID --out FILE}: a new version from the same inputs. */
  @Command(
      name = "regenerate",
      mixinStandardHelpOptions = true,
      description = "Write a new version from the same inputs and the profile as it is now.")
  static final class Regenerate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "llm")
    private LlmOptions llm;

    @Mixin(name = "user")
    private UserOption user;

    @Mixin private IndexOptions indexes;

    @Parameters(index = "0", paramLabel = "ID")
    private String id;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.md")
    private Path out;

    @Override
    public Integer call() {
      if (!GeneratedExport.known(out)) {
        throw new ParameterException(
            spec.commandLine(), "--out " + out + ": name a " + GeneratedExport.FORMATS + " file.");
      }
      llm.validate();
      PrintWriter stdout = spec.commandLine().getOut();
      try (AgentSession session =
          AgentSession.open(home.home(), llm, indexes, spec.commandLine().getErr())) {
        GeneratedDocument d =
            GenerateCommand.generator(session, Templates.builtIn()).regenerate(user.userId(), id);
        GeneratedExport.write(d, out);
        stdout.println("Wrote " + out);
        GenerationPrinter.summary(d, stdout);
        return 0;
      }
    }
  }
}
