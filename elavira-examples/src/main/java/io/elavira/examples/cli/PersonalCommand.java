package io.elavira.examples.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code elavira app personal COMMAND [ARGS...]}: the personal offline agent. A person's CV, notes
 * and chat exports in their own home, answered by the local model chain (Ollama, then a llama.cpp
 * server) with extractive answers when neither runs. It is the ordinary CLI with two defaults and
 * one guarantee: the home is {@code ~/.elavira/personal} unless {@code --home} is given, {@code
 * ask} and {@code chat} use {@code --llm ollama,llamacpp} unless told otherwise, and nothing leaves
 * the machine: a provider other than ollama or llamacpp, or a server that is not on this machine,
 * is refused.
 */
@Command(
    name = "personal",
    description = {
      "Personal offline agent: your CV, notes and chat exports, answered on this machine only.",
      "COMMAND is ingest, ask, chat, documents, stats or feedback, with their usual options;",
      "ask and chat use the local chain ollama,llamacpp (extractive when neither runs)."
    },
    footer = {
      "",
      "Examples:",
      "  elavira app personal ingest ~/cv.pdf ~/notes ~/exports/chatgpt/conversations.json",
      "  elavira app personal ask \"Which Java projects did I lead, and when?\"",
      "  elavira app personal chat",
      "  elavira app personal ask --llm llamacpp --llm-url http://127.0.0.1:8080 \"...\""
    })
final class PersonalCommand implements Callable<Integer> {

  /** The commands of the CLI the personal agent runs. */
  static final List<String> COMMANDS =
      List.of("ingest", "ask", "chat", "documents", "stats", "feedback");

  /** The local chain {@code ask} and {@code chat} use by default: Ollama, then llama.cpp. */
  static final String LOCAL_CHAIN = "ollama,llamacpp";

  /** The providers that run on this machine. */
  static final Set<String> LOCAL_PROVIDERS = Set.of("ollama", "llamacpp");

  /** The personal agent's home under the user's home folder when no {@code --home} is given. */
  static final Path DEFAULT_HOME = Path.of(".elavira", "personal");

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMMAND", description = "ingest, ask, chat, documents...")
  private String command;

  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    if (!COMMANDS.contains(command)) {
      throw new ParameterException(
          spec.commandLine(),
          "app personal runs one of " + String.join(", ", COMMANDS) + "; got " + command + ".");
    }
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (value("--home", "-H") == null) {
      argv.add("--home");
      argv.add(Path.of(System.getProperty("user.home")).resolve(DEFAULT_HOME).toString());
    }
    if (command.equals("ask") || command.equals("chat")) {
      checkLocal();
      if (value("--llm") == null && !args.contains("--offline")) {
        argv.add("--llm");
        argv.add(LOCAL_CHAIN);
      }
    }
    argv.addAll(args);
    return ElaviraCli.commandLine(
            ElaviraCli.root(spec).environment(),
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            root -> {})
        .execute(argv.toArray(String[]::new));
  }

  /** Refuses a provider or server that would send the person's data off this machine. */
  private void checkLocal() {
    String llm = value("--llm");
    if (llm != null) {
      for (String name : ProviderChoice.split(llm)) {
        if (!LOCAL_PROVIDERS.contains(name.toLowerCase(Locale.ROOT))) {
          throw offMachine("--llm " + name + " is not a local provider: use ollama or llamacpp.");
        }
      }
    }
    String merger = value("--merger");
    if (merger != null
        && !LOCAL_PROVIDERS.contains(merger.split(":", 2)[0].toLowerCase(Locale.ROOT))) {
      throw offMachine("--merger " + merger + " is not a local provider: use ollama or llamacpp.");
    }
    String urls = value("--llm-url");
    String ollamaHost = ElaviraCli.root(spec).environment().variable(OllamaHost.ENV);
    if (urls == null && ollamaHost != null && !onThisMachine(OllamaHost.toUrl(ollamaHost))) {
      throw offMachine(OllamaHost.ENV + " " + ollamaHost + " is not on this machine.");
    }
    if (urls != null) {
      for (String url : ProviderChoice.split(urls)) {
        if (!url.isEmpty() && !onThisMachine(url)) {
          throw offMachine("--llm-url " + url + " is not on this machine.");
        }
      }
    }
  }

  private ParameterException offMachine(String why) {
    return new ParameterException(
        spec.commandLine(), "app personal keeps your data on this machine: " + why);
  }

  /** Whether the URL's host is a loopback address (localhost, 127.0.0.1, ::1). */
  static boolean onThisMachine(String url) {
    try {
      String host = new URI(url).getHost();
      if (host == null) {
        return false;
      }
      if (host.equalsIgnoreCase("localhost")) {
        return true;
      }
      // A literal address only: a name is not resolved (it could point anywhere later).
      if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) {
        return false;
      }
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (URISyntaxException | UnknownHostException e) {
      return false;
    }
  }

  /** The value of the first of {@code names} in the arguments ({@code --x V} or {@code --x=V}). */
  private @Nullable String value(String... names) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      for (String name : names) {
        if (arg.equals(name) && i + 1 < args.size()) {
          return args.get(i + 1);
        }
        if (arg.startsWith(name + "=")) {
          return arg.substring(name.length() + 1);
        }
      }
    }
    return null;
  }
}
