package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviders;
import io.elavira.llm.ollama.OllamaProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The language-model options shared by the commands that answer questions ({@code --llm}, {@code
 * --llm-url}, {@code --model}, {@code --consensus}, {@code --merger}, {@code --offline}), given
 * after the command or before it, with the timeouts of the start-up check; {@link LlmCheck} builds
 * and checks the model they name.
 */
final class LlmOptions {

  /** Default Ollama server. */
  static final String DEFAULT_URL = "http://localhost:11434";

  /** Default Ollama model. */
  static final String DEFAULT_MODEL = "llama3.2";

  /**
   * How long a TCP connection to the server may take before Ollama is considered down: short, so
   * that a black-holed address costs little.
   */
  static final Duration CONNECT_PROBE_TIMEOUT = Duration.ofMillis(300);

  /**
   * How long the HTTP health check may take once something accepted the connection. Generous: it
   * includes loading the HTTP client's classes in a cold JVM (over 300 ms on a busy machine, which
   * made a running Ollama look down), and it runs while the embedding model loads anyway.
   */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /** Extra wait for a check running on another thread, beyond its two timed steps. */
  static final Duration WAIT_SLACK = Duration.ofMillis(200);

  /**
   * Extra time a chain named by {@code --llm} may take to be built (its providers' HTTP clients, in
   * a cold JVM) before its health check.
   */
  static final Duration CHAIN_BUILD_ALLOWANCE = Duration.ofSeconds(1);

  /** Connect timeout of the provider used for answers. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Whole-call timeout of the provider used for answers (a local model on CPU is slow). */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--llm",
      paramLabel = "NAME[,NAME...]",
      description = {
        "Language model provider: ollama, llamacpp, openai, claude or mistral; several,"
            + " separated by commas, make a fallback chain tried in that order.",
        "Default: ollama. API keys come from the environment only (OPENAI_API_KEY,"
            + " ANTHROPIC_API_KEY, MISTRAL_API_KEY)."
      })
  private @Nullable String llm;

  @Option(
      names = "--llm-url",
      paramLabel = "URL[,URL...]",
      description = {
        "Server of each provider, in the order of --llm (one for all; empty: its default).",
        "Ollama's default: $OLLAMA_HOST, else " + DEFAULT_URL + "."
      })
  private @Nullable String url;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "NAME[,NAME...]",
      description =
          "Model of each provider, in the order of --llm (one for all). Ollama's default: "
              + DEFAULT_MODEL
              + "; openai, claude and mistral need one.")
  private @Nullable String model;

  @Option(
      names = "--consensus",
      paramLabel = "STRATEGY",
      description = {
        "Ask every provider of --llm at once and combine their answers: merger (needs --merger),"
            + " majority, weighted, or best_of (optional --merger as the scoring model)."
      })
  private @Nullable String consensus;

  @Option(
      names = "--merger",
      paramLabel = "PROVIDER[:MODEL]",
      description =
          "With --consensus: the model that writes (merger) or picks (best_of) the answer.")
  private @Nullable String merger;

  @Option(
      names = "--offline",
      description = "Never call a language model: answers are extractive (quoted passages).")
  private boolean offline;

  /** Whether {@code --offline} was given, before or after the command. */
  boolean offline() {
    return offline || ElaviraCli.inheritedFlag(mixee, "llm", LlmOptions.class, o -> o.offline);
  }

  /**
   * The Ollama server when Ollama is used without its own entry in {@code --llm-url}: the {@code
   * OLLAMA_HOST} environment variable read as Ollama reads it, else {@link #DEFAULT_URL}.
   *
   * @throws ElaviraException when {@code OLLAMA_HOST} is set but not a host, host:port or URL
   */
  private String ollamaDefaultUrl() {
    String host = ElaviraCli.root(mixee).environment().variable(OllamaHost.ENV);
    return host != null ? OllamaHost.toUrl(host) : DEFAULT_URL;
  }

  private @Nullable String given(Function<LlmOptions, @Nullable String> option) {
    String value = option.apply(this);
    return value != null ? value : ElaviraCli.inherited(mixee, "llm", LlmOptions.class, option);
  }

  /**
   * The providers named by {@code --llm}, {@code --llm-url} and {@code --model} (after the command,
   * then before it), Ollama alone when {@code --llm} is not given.
   *
   * @param requireModel whether a cloud provider needs {@code --model} (to answer) or not (to list
   *     its models)
   * @throws ParameterException (a usage error) for an unknown provider, lists of the wrong length,
   *     a missing model or a missing API key
   */
  ProviderChoice choice(boolean requireModel) {
    String names = given(o -> o.llm);
    try {
      return ProviderChoice.of(
          names == null ? List.of(OllamaProvider.NAME) : ProviderChoice.split(names),
          ProviderChoice.split(given(o -> o.url)),
          ProviderChoice.split(given(o -> o.model)),
          LlmProviders.load().names(),
          this::ollamaDefaultUrl,
          DEFAULT_MODEL,
          environment(),
          requireModel);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * Checks the provider options before anything is opened; see {@link #choice(boolean)}. A
   * consensus is built once (no connection is made) so that a wrong strategy or merger is a usage
   * error too.
   */
  void validate() {
    if (offline()) {
      return;
    }
    LlmCheck check = checker();
    if (given(o -> o.consensus) == null) {
      if (given(o -> o.merger) != null) {
        throw new ParameterException(
            mixee.commandLine(), "--merger applies only with --consensus STRATEGY.");
      }
      return;
    }
    try {
      check.build().close();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage() + ".", e);
    }
  }

  /**
   * The provider options given on the command line (after the command or before it), by name: what
   * a configured agent refuses, since it answers with its own models.
   */
  List<String> givenOptions() {
    List<String> given = new ArrayList<>();
    if (given(o -> o.llm) != null) {
      given.add("--llm");
    }
    if (given(o -> o.url) != null) {
      given.add("--llm-url");
    }
    if (given(o -> o.model) != null) {
      given.add("--model");
    }
    if (given(o -> o.consensus) != null) {
      given.add("--consensus");
    }
    if (given(o -> o.merger) != null) {
      given.add("--merger");
    }
    if (offline()) {
      given.add("--offline");
    }
    return given;
  }

  /** The {@code --consensus} strategy (after the command, then before it), or null. */
  @Nullable String consensusStrategy() {
    return given(o -> o.consensus);
  }

  /** Reads the run's environment variables (API keys, OLLAMA_HOST). */
  Function<String, @Nullable String> environment() {
    CliEnvironment environment = ElaviraCli.root(mixee).environment();
    return environment::variable;
  }

  /** Where Ollama's URL comes from, for messages: " (from OLLAMA_HOST)" or "". */
  private String urlOrigin() {
    return given(o -> o.url) == null
            && ElaviraCli.root(mixee).environment().variable(OllamaHost.ENV) != null
        ? " (from " + OllamaHost.ENV + ")"
        : "";
  }

  /**
   * The outcome of the language-model check.
   *
   * @param provider the provider to answer with, or null: answers are extractive
   * @param notice a one-line notice for standard error, or null when there is nothing to say
   */
  record Check(@Nullable LlmProvider provider, @Nullable String notice) {}

  /**
   * Decides whether answers are generated: returns the provider the options name when it answers a
   * quick health check ({@link LlmCheck#run()}), or no provider and a notice (answers will be
   * extractive) when {@code --offline} is set or the model is down. Prints nothing; safe on any
   * thread.
   *
   * @throws ParameterException as {@link #choice(boolean)}
   * @throws ElaviraException when the URL is not http(s), or a chain cannot be built
   */
  Check check() {
    if (offline()) {
      return new Check(
          null, "Offline mode: answers are extractive (the best passages of your documents).");
    }
    return checker().run();
  }

  /**
   * Waits for a {@link #check()} running on another thread, at most a little longer than the check
   * may take; see {@link LlmCheck#await}.
   */
  Check await(Future<Check> running) {
    return LlmCheck.await(offline() ? null : checker(), running);
  }

  /** The check of the model these options name. */
  private LlmCheck checker() {
    return new LlmCheck(
        choice(true), given(o -> o.consensus), given(o -> o.merger), environment(), urlOrigin());
  }
}
