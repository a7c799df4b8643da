package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code elavira} command: ingest documents into an agent home, ask questions, chat, or run a
 * self-contained demo.
 *
 * <p>Exit codes: 0 on success; 1 when a command fails (an {@link ElaviraException} is printed as a
 * single line on stderr, with a stack trace only under {@code --verbose}); 2 for a usage error
 * (picocli prints the usage). Standard input, output and error are injected through {@link
 * #commandLine(InputStream, PrintWriter, PrintWriter)} so that tests run the tool in-process.
 */
@Command(
    name = "elavira",
    mixinStandardHelpOptions = true,
    versionProvider = ElaviraCli.Version.class,
    description =
        "Offline-first personal AI agent: ingest your documents, then ask them questions.",
    subcommands = {IngestCommand.class, AskCommand.class, ChatCommand.class, DemoCommand.class},
    footer = {
      "",
      "Examples:",
      "  elavira ingest ~/Documents/contracts",
      "  elavira ask \"How many days before the rental can I cancel?\"",
      "  elavira chat",
      "  elavira demo"
    })
public final class ElaviraCli implements Runnable {

  /** The system property slf4j-simple reads for its level; set by {@code --verbose}. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /** Loggers quietened in simplelogger.properties, restored to debug by {@code --verbose}. */
  private static final List<String> QUIETENED_LOGGERS =
      List.of("io.elavira.ingest.IngestionPipeline");

  private final InputStream in;

  @Spec private CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Debug logging, and stack traces on errors.")
  private boolean verbose;

  /** Creates the root command reading interactive input (for {@code chat}) from {@code in}. */
  public ElaviraCli(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Standard input of this run: what {@code chat} reads questions from. */
  InputStream in() {
    return in;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: ingest, ask, chat or demo.");
  }

  /**
   * Builds the picocli command line with the given streams and Elavira's error handling.
   *
   * @param in where {@code chat} reads questions
   * @param out standard output: answers, reports, JSON
   * @param err standard error: notices, progress, error messages
   * @return a command line ready for {@link CommandLine#execute(String...)}
   */
  public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new ElaviraCli(in));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = isVerbose(parseResult.expandedArgs());
          PrintWriter e = commandLine.getErr();
          if (ex instanceof ElaviraException || ex instanceof IllegalArgumentException) {
            e.println("elavira: " + ex.getMessage());
          } else {
            e.println("elavira: unexpected error: " + ex);
            if (!verbose) {
              e.println("Run again with --verbose to see the stack trace.");
            }
          }
          if (verbose) {
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
    if (isVerbose(List.of(args))) {
      System.setProperty(LOG_LEVEL_PROPERTY, "debug");
      for (String logger : QUIETENED_LOGGERS) {
        System.setProperty("org.slf4j.simpleLogger.log." + logger, "debug");
      }
    }
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = commandLine(System.in, out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  private static boolean isVerbose(List<String> args) {
    return args.contains("--verbose");
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
