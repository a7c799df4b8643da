package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import io.elavira.examples.cli.LlmOptions.Check;
import io.elavira.guard.SecretMasker;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds the language model that {@link LlmOptions} name, and checks, within bounded time, whether
 * answers are generated with it or extractive: Ollama alone gets a TCP probe, then an HTTP health
 * check; a fallback chain or a consensus is built and checked as a whole. The timeouts are the
 * constants of {@link LlmOptions}. Immutable; safe on any thread; prints nothing.
 */
final class LlmCheck {
  private final ProviderChoice choice;
  private final @Nullable String strategy;
  private final @Nullable String merger;
  private final Function<String, @Nullable String> environment;
  private final String urlOrigin;

  /**
   * A check of these resolved options.
   *
   * @param choice the providers named by {@code --llm}, {@code --llm-url} and {@code --model}
   * @param strategy the {@code --consensus} strategy, or null
   * @param merger the {@code --merger}, or null
   * @param environment where API keys are read
   * @param urlOrigin where Ollama's URL comes from, for messages: " (from OLLAMA_HOST)" or ""
   */
  LlmCheck(
      ProviderChoice choice,
      @Nullable String strategy,
      @Nullable String merger,
      Function<String, @Nullable String> environment,
      String urlOrigin) {
    this.choice = choice;
    this.strategy = strategy;
    this.merger = merger;
    this.environment = environment;
    this.urlOrigin = urlOrigin;
  }

  /** Whether the model is a chain or consensus, built and checked whole, not Ollama alone. */
  boolean chain() {
    return strategy != null || !choice.ollamaAlone();
  }

  /**
   * Builds the fallback chain, or the consensus when {@code --consensus} is given (no connection is
   * made); the caller closes it.
   *
   * @throws IllegalArgumentException or IllegalStateException when a provider, the strategy or the
   *     merger does not fit
   */
  LlmProvider build() {
    String s = strategy;
    return s == null ? choice.chain(environment) : choice.consensus(s, merger, environment);
  }

  /**
   * Returns a provider when the model answers its health check, else no provider and a notice
   * (answers will be extractive).
   *
   * <p>Cheap when nothing listens: for Ollama alone, a plain TCP connection is tried first, within
   * {@link LlmOptions#CONNECT_PROBE_TIMEOUT}, so a refused connection (the usual case without
   * Ollama) costs a few milliseconds and a black-holed address at most the timeout; only a server
   * that accepts the connection gets the HTTP health check, itself bounded by {@link
   * LlmOptions#HEALTH_TIMEOUT}.
   *
   * @throws ElaviraException when the URL is not http(s), or a chain cannot be built
   */
  Check run() {
    if (chain()) {
      return runChain();
    }
    ProviderChoice.Entry entry = choice.entries().get(0);
    String url = Objects.requireNonNull(entry.url());
    String model = Objects.requireNonNull(entry.model());
    URI uri = parse(url);
    String unreachable = probe(uri);
    if (unreachable != null) {
      return down(url + urlOrigin, model, unreachable);
    }
    OllamaProvider ollama =
        OllamaProvider.builder()
            .baseUrl(url)
            .model(model)
            .healthTimeout(LlmOptions.HEALTH_TIMEOUT)
            .connectTimeout(LlmOptions.CONNECT_TIMEOUT)
            .requestTimeout(LlmOptions.REQUEST_TIMEOUT)
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
      return down(url + urlOrigin, model, health.detail());
    }
    return new Check(ollama, null);
  }

  /**
   * Builds the chain and checks its health within {@link LlmOptions#HEALTH_TIMEOUT}: when no
   * provider is up, answers are extractive; when the check takes longer (a slow remote API), the
   * chain is used anyway and decides at the first request.
   */
  private Check runChain() {
    LlmProvider chain;
    try {
      chain = build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ElaviraException("--llm " + choice.names() + ": " + e.getMessage(), e);
    }
    CompletableFuture<Health> health = new CompletableFuture<>();
    Thread checker =
        new Thread(
            () -> {
              try {
                health.complete(chain.health());
              } catch (RuntimeException e) {
                health.completeExceptionally(e);
              }
            },
            "elavira-llm-health");
    checker.setDaemon(true);
    checker.start();
    Health result;
    try {
      result = health.get(LlmOptions.HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return new Check(chain, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      chain.close();
      throw new ElaviraException("Interrupted while checking " + choice.names(), e);
    }
    if (!result.available()) {
      chain.close();
      return new Check(
          null,
          "No language model is available ("
              + result.detail()
              + "): answers are extractive. Start "
              + (choice.entries().size() == 1 ? "it" : "one of them")
              + ", or pass --offline to skip this check.");
    }
    return new Check(chain, null);
  }

  /**
   * Waits for a check running on another thread, at most a little longer than the check may take;
   * when it takes longer (a resolver that hangs, say), answers are extractive and the check is left
   * to finish on its daemon thread.
   *
   * @param check the options' check, or null when offline
   */
  static Check await(@Nullable LlmCheck check, Future<Check> running) {
    boolean chain = check != null && check.chain();
    try {
      return running.get(
          LlmOptions.CONNECT_PROBE_TIMEOUT.toMillis()
              + LlmOptions.HEALTH_TIMEOUT.toMillis()
              + LlmOptions.WAIT_SLACK.toMillis()
              + (chain ? LlmOptions.CHAIN_BUILD_ALLOWANCE.toMillis() : 0),
          TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      String within =
          "no answer within "
              + (LlmOptions.CONNECT_PROBE_TIMEOUT.toMillis() + LlmOptions.HEALTH_TIMEOUT.toMillis())
              + " ms";
      if (check == null || chain) {
        return new Check(
            null,
            "No language model answered the check ("
                + within
                + "): answers are extractive. Pass --offline to skip this check.");
      }
      ProviderChoice.Entry entry = check.choice.entries().get(0);
      return down(
          Objects.requireNonNull(entry.url()) + check.urlOrigin,
          Objects.requireNonNull(entry.model()),
          within);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElaviraException("Interrupted while checking the language model", e);
    } catch (ExecutionException e) {
      return StartupSteps.await(running);
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
              + LlmOptions.DEFAULT_URL
              + ": fix it, or pass --offline.",
          e);
    }
  }

  /** The URL as printed: a user name and password written in it are masked. */
  private static String shown(String url) {
    return SecretMasker.maskUrl(url);
  }

  /** Tries a TCP connection to the server; returns why it failed, or null when it connected. */
  private static @Nullable String probe(URI uri) {
    int port =
        uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    int timeout = (int) LlmOptions.CONNECT_PROBE_TIMEOUT.toMillis();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), timeout);
      return null;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "no answer within " + timeout + " ms";
    } catch (UnknownHostException e) {
      return "unknown host " + uri.getHost();
    } catch (IOException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
  }
}
