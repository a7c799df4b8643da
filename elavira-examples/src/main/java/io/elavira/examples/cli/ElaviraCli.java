package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code elavira} command: ingest documents into an agent home, ask questions, chat, or run a
 * self-contained demo.
 *
 * <p>Options common to several commands ({@code --home}, {@code --json}, {@code --user}, {@code
 * --llm}, {@code --model}, {@code --llm-url}, {@code --offline}, {@code --verbose}) may be written
 * before the command ({@code elavira --home H ask ...}) or after it; written after, they win. One
 * that does not apply to the command is a usage error.
 *
 * <p>Exit codes: 0 on success; 1 when a command fails (an {@link ElaviraException} is printed as a
 * single line on stderr, with a stack trace only under {@code --verbose}); 2 for a usage error
 * (picocli prints the usage). With {@code --json}, errors are one JSON object on stdout, {@code
 * {"error": {"type": ..., "message": ...}}}, with the same exit codes. Standard input, the
 * environment and the output streams are injected through {@link #commandLine(CliEnvironment,
 * PrintWriter, PrintWriter, Consumer)} so that tests run the tool in-process.
 */
@Command(
    name = "elavira",
    mixinStandardHelpOptions = true,
    versionProvider = ElaviraCli.Version.class,
    description = {
      "Offline-first personal AI agent: ingest your documents, then ask them questions.",
      "Options given before the command apply to it (elavira -H DIR ask ...)."
    },
    subcommands = {
      IngestCommand.class,
      AskCommand.class,
      ChatCommand.class,
      ModelsCommand.class,
      DocumentsCommand.class,
      AgentsCommand.class,
      FeedbackCommand.class,
      AnswersCommand.class,
      StatsCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      AppCommand.class,
      GenerateCommand.class,
      GeneratedCommand.class,
      ProfileCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  elavira ingest ~/Documents/contracts",
      "  elavira ask \"How many days before the rental can I cancel?\"",
      "  elavira ask -c \"And after that?\"         # continue the last conversation",
      "  echo \"Where is my data stored?\" | elavira ask --json",
      "  elavira chat",
      "  elavira ask --llm ollama,llamacpp \"...\"   # a fallback chain",
      "  elavira models",
      "  elavira documents list",
      "  elavira agents create docs/config-example.yaml",
      "  elavira ask --agent contracts \"What does cancelling cost?\"",
      "  elavira feedback ANSWER-ID +1 \"clear and right\"",
      "  elavira stats --last 7d",
      "  elavira demo"
    })
public final class ElaviraCli implements Runnable {

  /** The system property slf4j-simple reads for one logger's level; suffixed by its name. */
  static final String LOGGER_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.";

  /** Elavira's own loggers: set to debug by {@code --verbose}; libraries stay at warn. */
  static final String ELAVIRA_LOGGERS = "io.elavira";

  /** Loggers quietened in simplelogger.properties, restored to debug by {@code --verbose}. */
  private static final List<String> QUIETENED_LOGGERS =
      List.of("io.elavira.ingest.IngestionPipeline", "io.elavira.internal.GenerationStage");

  private final CliEnvironment environment;

  @Spec private CommandSpec spec;

  // The global options: the same mixins as the subcommands', under the same names, so that a
  // subcommand finds them with inherited(...). Read through picocli's model, not these fields.
  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "home")
  private HomeOptions home;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "agent")
  private AgentOption agent;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "llm")
  private LlmOptions llm;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "user")
  private UserOption user;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "json")
  private JsonOption json;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Debug logging of Elavira, and stack traces on errors.")
  private boolean verbose;

  /** Creates the root command for one run in {@code environment}. */
  ElaviraCli(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Standard input, variables and Ctrl-C handling of this run. */
  CliEnvironment environment() {
    return environment;
  }

  /** Whether {@code --verbose} was given, before or after the command. */
  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: ingest, ask, chat, documents, agents, models, feedback, stats or demo.");
  }

  /**
   * Builds the command line for the process's standard input and environment.
   *
   * @param in where {@code chat} reads questions (taken as piped, not a terminal)
   * @param out standard output: answers, reports, JSON
   * @param err standard error: notices, progress, error messages
   * @return a command line ready for {@link CommandLine#execute(String...)}
   */
  public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
    return commandLine(CliEnvironment.piped(in, System.getenv()), out, err, root -> {});
  }

  /**
   * Builds the picocli command line with the given environment, streams and Elavira's error
   * handling.
   *
   * @param environment standard input, variables and Ctrl-C handling
   * @param out standard output: answers, reports, JSON
   * @param err standard error: notices, progress, error messages
   * @param beforeRun called with the parsed root command before the command runs
   */
  static CommandLine commandLine(
      CliEnvironment environment,
      PrintWriter out,
      PrintWriter err,
      Consumer<ElaviraCli> beforeRun) {
    ElaviraCli root = new ElaviraCli(environment);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(
        parseResult -> {
          rejectGlobalOptionsThatDoNotApply(parseResult);
          beforeRun.accept(root);
          return new CommandLine.RunLast().execute(parseResult);
        });
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          if (ErrorJson.requested(args)) {
            ErrorJson.print(
                ErrorJson.USAGE,
                Objects.toString(ex.getMessage(), "invalid command line"),
                ex.getCommandLine().getOut());
            return CommandLine.ExitCode.USAGE;
          }
          return usage.handleParseException(ex, args);
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (jsonRequested(commandLine)) {
            ErrorJson.print(ErrorJson.typeOf(ex), ErrorJson.messageOf(ex), commandLine.getOut());
            return CommandLine.ExitCode.SOFTWARE;
          }
          PrintWriter e = commandLine.getErr();
          if (ex instanceof ElaviraException || ex instanceof IllegalArgumentException) {
            e.println("elavira: " + ex.getMessage());
          } else {
            e.println("elavira: unexpected error: " + ex);
            if (!root.verbose) {
              e.println("Run again with --verbose to see the stack trace.");
            }
          }
          if (root.verbose) {
            ex.printStackTrace(e);
          }
          e.flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cli;
  }

  /**
   * Runs the tool on the process's standard streams and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code =
        commandLine(CliEnvironment.ofProcess(), out, err, ElaviraCli::configureLogging)
            .execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Under {@code --verbose}, Elavira's loggers go to debug; the libraries' (HikariCP, OkHttp...)
   * stay at warn, as simplelogger.properties sets them. Runs before any logger exists.
   */
  private static void configureLogging(ElaviraCli root) {
    if (root.verbose) {
      System.setProperty(LOGGER_LEVEL_PROPERTY + ELAVIRA_LOGGERS, "debug");
      for (String logger : QUIETENED_LOGGERS) {
        System.setProperty(LOGGER_LEVEL_PROPERTY + logger, "debug");
      }
    }
  }

  /**
   * A global option written before a command that does not take it ({@code elavira --model M
   * ingest}) would be silently ignored: refuse it as a usage error instead.
   */
  private static void rejectGlobalOptionsThatDoNotApply(ParseResult parseResult) {
    ParseResult sub = parseResult.subcommand();
    if (sub == null) {
      return;
    }
    while (sub.subcommand() != null) {
      sub = sub.subcommand(); // the command that runs: "list" in "documents list"
    }
    CommandSpec command = sub.commandSpec();
    // "documents list": the command's names after the root's
    String path = command.qualifiedName(" ").substring(command.root().name().length() + 1);
    for (OptionSpec option : parseResult.matchedOptions()) {
      if (option.usageHelp()
          || option.versionHelp()
          || option.scopeType() == ScopeType.INHERIT
          || command.findOption(option.longestName()) != null) {
        continue;
      }
      throw new ParameterException(
          command.commandLine(),
          option.longestName()
              + " does not apply to "
              + path
              + " (see elavira "
              + path
              + " --help).");
    }
  }

  private static boolean jsonRequested(CommandLine commandLine) {
    Object mixin =
        commandLine.getCommandSpec().mixins().containsKey("json")
            ? commandLine.getCommandSpec().mixins().get("json").userObject()
            : null;
    return mixin instanceof JsonOption json && json.enabled();
  }

  /**
   * The value of an option a subcommand's mixin inherits: the first non-null {@code value} of the
   * same-named mixins of the commands above it, nearest first; null when none has one. For {@code
   * elavira -H A documents -H B list} that is B (written nearer {@code list}), for {@code elavira
   * -H A documents list} A.
   *
   * @param mixee the command the mixin is part of
   * @param name the mixin's name, the same in the commands above and the subcommand
   * @param type the mixin's class
   * @param value the option's value in one mixin, null when not given there
   */
  static <T, V> @Nullable V inherited(
      CommandSpec mixee, String name, Class<T> type, Function<T, @Nullable V> value) {
    for (CommandSpec above = mixee.parent(); above != null; above = above.parent()) {
      CommandSpec mixin = above.mixins().get(name);
      if (mixin != null) {
        V v = value.apply(type.cast(mixin.userObject()));
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * Whether a flag a subcommand's mixin inherits was given on any command above it: {@link
   * #inherited} for options that are either on or absent.
   */
  static <T> boolean inheritedFlag(
      CommandSpec mixee, String name, Class<T> type, Predicate<T> flag) {
    return inherited(mixee, name, type, o -> flag.test(o) ? Boolean.TRUE : null) != null;
  }

  /** The root command of the command that {@code spec} belongs to. */
  static ElaviraCli root(CommandSpec spec) {
    return (ElaviraCli) spec.root().userObject();
  }

  /** Reads the version from the jar manifest, "dev" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ElaviraCli.class.getPackage().getImplementationVersion();
      return new String[] {"elavira " + (version != null ? version : "dev")};
    }
  }
}
