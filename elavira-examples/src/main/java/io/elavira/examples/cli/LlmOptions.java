package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ollama.OllamaProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The language-model options shared by the commands that answer questions, and the check that
 * decides between generated and extractive answers.
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

  /** Connect timeout of the provider used for answers. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Whole-call timeout of the provider used for answers (a local model on CPU is slow). */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--llm-url",
      paramLabel = "URL",
      description = {"Ollama server.", "Default: $OLLAMA_HOST, else " + DEFAULT_URL + "."})
  private @Nullable String url;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "NAME",
      description = "Ollama model (default: " + DEFAULT_MODEL + ").")
  private @Nullable String model;

  @Option(
      names = "--offline",
      description = "Never call a language model: answers are extractive (quoted passages).")
  private boolean offline;

  /** Whether {@code --offline} was given, before or after the command. */
  boolean offline() {
    LlmOptions global = global();
    return offline || (global != null && global.offline);
  }

  /**
   * The Ollama server: {@code --llm-url} (after, then before the command), else the {@code
   * OLLAMA_HOST} environment variable read as Ollama reads it, else {@link #DEFAULT_URL}.
   *
   * @throws ElaviraException when {@code OLLAMA_HOST} is set but not a host, host:port or URL
   */
  String url() {
    LlmOptions global = global();
    if (url != null) {
      return url;
    }
    if (global != null && global.url != null) {
      return global.url;
    }
    String host = ElaviraCli.root(mixee).environment().variable(OllamaHost.ENV);
    return host != null ? OllamaHost.toUrl(host) : DEFAULT_URL;
  }

  /** Where {@link #url()} comes from, for messages: " (from OLLAMA_HOST)" or "". */
  private String urlOrigin() {
    LlmOptions global = global();
    boolean given = url != null || (global != null && global.url != null);
    return !given && ElaviraCli.root(mixee).environment().variable(OllamaHost.ENV) != null
        ? " (from " + OllamaHost.ENV + ")"
        : "";
  }

  /** The Ollama model: {@code --model} after, then before the command, else the default. */
  String model() {
    LlmOptions global = global();
    if (model != null) {
      return model;
    }
    return global != null && global.model != null ? global.model : DEFAULT_MODEL;
  }

  private @Nullable LlmOptions global() {
    return ElaviraCli.inherited(mixee, "llm", LlmOptions.class);
  }

  /**
   * The outcome of the language-model check.
   *
   * @param provider the provider to answer with, or null: answers are extractive
   * @param notice a one-line notice for standard error, or null when there is nothing to say
   */
  record Check(@Nullable LlmProvider provider, @Nullable String notice) {}

  /**
   * Decides whether answers are generated: returns a provider for the configured Ollama server when
   * it answers a quick health check, or no provider and a notice (answers will be extractive) when
   * {@code --offline} is set or the server is down. Prints nothing; safe on any thread.
   *
   * <p>Cheap when nothing listens: a plain TCP connection is tried first, within {@link
   * #CONNECT_PROBE_TIMEOUT}, so a refused connection (the usual case without Ollama) costs a few
   * milliseconds and a black-holed address at most the timeout; only a server that accepts the
   * connection gets the HTTP health check, itself bounded by the timeout.
   */
  Check check() {
    if (offline()) {
      return new Check(
          null, "Offline mode: answers are extractive (the best passages of your documents).");
    }
    String url = url();
    String model = model();
    URI uri = parse(url);
    String unreachable = probe(uri);
    if (unreachable != null) {
      return down(url + urlOrigin(), model, unreachable);
    }
    OllamaProvider ollama =
        OllamaProvider.builder()
            .baseUrl(url)
            .model(model)
            .healthTimeout(HEALTH_TIMEOUT)
            .connectTimeout(CONNECT_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT)
            .build();
    Health health;
    try {
      health = ollama.health();
    } catch (RuntimeException e) {
      ollama.close();
      throw e;
    }
    if (!health.available()) {
      ollama.close();
      return down(url + urlOrigin(), model, health.detail());
    }
    return new Check(ollama, null);
  }

  /**
   * Waits for a {@link #check()} running on another thread, at most a little longer than the health
   * check may take; when it takes longer (a resolver that hangs, say), answers are extractive and
   * the check is left to finish on its daemon thread.
   */
  Check await(Future<Check> running) {
    String url = url();
    try {
      return running.get(
          CONNECT_PROBE_TIMEOUT.toMillis() + HEALTH_TIMEOUT.toMillis() + WAIT_SLACK.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      return down(
          url + urlOrigin(),
          model(),
          "no answer within "
              + (CONNECT_PROBE_TIMEOUT.toMillis() + HEALTH_TIMEOUT.toMillis())
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElaviraException("Interrupted while checking Ollama at " + shown(url), e);
    } catch (ExecutionException e) {
      return AgentSession.await(running);
    }
  }

  private static Check down(String url, String model, String detail) {
    return new Check(
        null,
        "Ollama is not available at "
            + shown(url)
            + " ("
            + detail
            + "): answers are extractive. Start Ollama with model "
            + model
            + ", or pass --offline to skip this check.");
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new URISyntaxException(url, "expected http://HOST:PORT");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ElaviraException(
          "--llm-url "
              + shown(url)
              + " is not an http(s) URL such as "
              + DEFAULT_URL
              + ": fix it, or pass --offline.",
          e);
    }
  }

  /** The URL as printed: a user name and password written in it are masked. */
  private static String shown(String url) {
    return url.replaceAll("//[^/?#]*@", "//***@");
  }

  /** Tries a TCP connection to the server; returns why it failed, or null when it connected. */
  private static @Nullable String probe(URI uri) {
    int port =
        uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(uri.getHost(), port), (int) CONNECT_PROBE_TIMEOUT.toMillis());
      return null;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "no answer within " + CONNECT_PROBE_TIMEOUT.toMillis() + " ms";
    } catch (UnknownHostException e) {
      return "unknown host " + uri.getHost();
    } catch (IOException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
  }
}
