package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code elavira app career --job FILE --lang fr|en --out DIR [--cv FILE] [--chats FILE]...}:
 * CareerAgent, a CV and chat history turned into a cover letter, a tailored CV and (with {@code
 * --email}) an email for a job offer, each written as Word and PDF. It is a composition of the
 * ordinary commands, run in turn on one home ({@code ~/.elavira/career} unless {@code --home} is
 * given): {@code ingest} of the CV and chat exports, {@code profile show}, then one {@code
 * generate} per document, whose output (sources, draft notice, claim-check flags) is printed as it
 * is. Options it does not know ({@code --llm}, {@code --model}, {@code --llm-url}, {@code
 * --offline}, {@code --tone}, {@code --length}, {@code --templates}, {@code --user}...) are passed
 * to every {@code generate}.
 */
@Command(
    name = "career",
    mixinStandardHelpOptions = true,
    description = {
      "CareerAgent: your CV and chat exports -> a cover letter, a tailored CV and (--email) an"
          + " email for a job offer, as .docx and .pdf in --out.",
      "Runs ingest, profile show and generate on the career home; other options (--llm, --model,"
          + " --llm-url, --offline, --tone, --length, --user...) go to generate."
    },
    footer = {
      "",
      "Examples:",
      "  elavira app career --cv ~/cv.md --chats ~/exports/chatgpt/conversations.json \\",
      "      --job offre.md --lang fr --to \"Mme Claire Dubois\" --out ~/candidature --offline",
      "  elavira app career --job offer.md --lang en --email --out ~/application --llm ollama"
    })
final class CareerCommand implements Callable<Integer> {

  /** The career home under the user's home folder when no {@code --home} is given. */
  static final Path DEFAULT_HOME = Path.of(".elavira", "career");

  /** The documents written for every offer, by {@code generate} kind. */
  static final List<String> DOCUMENTS = List.of("cover-letter", "cv");

  /** The formats each document is written in. */
  static final List<String> FORMATS = List.of("docx", "pdf");

  @Spec private CommandSpec spec;

  @Option(
      names = {"-H", "--home"},
      paramLabel = "DIR",
      description = "The career home (default: ~/.elavira/career).")
  private @Nullable Path home;

  @Option(names = "--cv", paramLabel = "FILE", description = "Your CV, ingested first.")
  private List<Path> cvs = new ArrayList<>();

  @Option(
      names = "--chats",
      paramLabel = "FILE",
      description = "A chat export (ChatGPT, Claude, Gemini) or notes, ingested first; repeatable.")
  private List<Path> chats = new ArrayList<>();

  @Option(names = "--job", required = true, paramLabel = "FILE", description = "The job offer.")
  private Path job;

  @Option(
      names = "--lang",
      required = true,
      paramLabel = "fr|en",
      description = "The language of the documents.")
  private String language;

  @Option(names = "--to", paramLabel = "NAME", description = "Who the letter is addressed to.")
  private @Nullable String recipient;

  @Option(names = "--email", description = "Also write an email to send them with.")
  private boolean email;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder the documents are written to (created when missing).")
  private Path out;

  @Unmatched private List<String> generateOptions = new ArrayList<>();

  @Override
  public Integer call() {
    Path careerHome =
        home != null
            ? home.toAbsolutePath()
            : Path.of(System.getProperty("user.home")).resolve(DEFAULT_HOME);
    List<String> files = new ArrayList<>();
    cvs.forEach(f -> files.add(f.toString()));
    chats.forEach(f -> files.add(f.toString()));
    if (!files.isEmpty()) {
      List<String> ingest = new ArrayList<>(List.of("ingest", "--home", careerHome.toString()));
      ingest.addAll(files);
      int code = run(ingest);
      if (code != 0) {
        return code;
      }
    }
    int code = run(List.of("profile", "show", "--home", careerHome.toString()));
    if (code != 0) {
      return code;
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new ElaviraException(
          "Cannot create the output folder " + out + ": " + e.getMessage() + "; choose another.",
          e);
    }
    List<String> kinds = new ArrayList<>(DOCUMENTS);
    if (email) {
      kinds.add("email");
    }
    for (String kind : kinds) {
      spec.commandLine().getOut().println();
      List<String> generate =
          new ArrayList<>(
              List.of(
                  "generate",
                  kind,
                  "--home",
                  careerHome.toString(),
                  "--job",
                  job.toString(),
                  "--lang",
                  language));
      if (recipient != null) {
        generate.add("--to");
        generate.add(recipient);
      }
      for (String format : FORMATS) {
        generate.add("--out");
        generate.add(out.resolve(kind + "-" + language + "." + format).toString());
      }
      generate.addAll(generateOptions);
      code = run(generate);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }

  /** Runs one ordinary command with this command's environment and output. */
  private int run(List<String> argv) {
    CommandLine cli =
        ElaviraCli.commandLine(
            ElaviraCli.root(spec).environment(),
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            root -> {});
    return cli.execute(argv.toArray(String[]::new));
  }
}
