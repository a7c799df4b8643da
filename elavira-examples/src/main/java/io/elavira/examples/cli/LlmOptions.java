package io.elavira.examples.cli;

import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ollama.OllamaProvider;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The language-model options shared by the commands that answer questions, and the check that
 * decides between generated and extractive answers.
 */
final class LlmOptions {

  /** Default Ollama server. */
  static final String DEFAULT_URL = "http://localhost:11434";
  /** Default Ollama model. */
  static final String DEFAULT_MODEL = "llama3.2";
  /** How long the health check may take before Ollama is considered down. */
  static final Duration HEALTH_TIMEOUT = Duration.ofMillis(300);
  /** Connect timeout of the provider used for answers. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Whole-call timeout of the provider used for answers (a local model on CPU is slow). */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  @Option(
      names = "--llm-url",
      paramLabel = "URL",
      defaultValue = DEFAULT_URL,
      description = "Ollama server (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = DEFAULT_MODEL,
      description = "Ollama model (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--offline",
      description = "Never call a language model: answers are extractive (quoted passages).")
  boolean offline;

  /**
   * Returns a provider for the configured Ollama server when it answers a quick health check, or
   * null (answers will be extractive) when {@code --offline} is set or the server is down. In the
   * null case a one-line notice is printed on {@code err}.
   */
  LlmProvider connect(PrintWriter err) {
    if (offline) {
      err.println("Offline mode: answers are extractive (the best passages of your documents).");
      err.flush();
      return null;
    }
    OllamaProvider ollama =
        OllamaProvider.builder()
            .baseUrl(url)
            .model(model)
            .healthTimeout(HEALTH_TIMEOUT)
            .connectTimeout(CONNECT_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT)
            .build();
    Health health = ollama.health();
    if (!health.available()) {
      ollama.close();
      err.println("Ollama is not available at " + url + " (" + health.detail()
          + "): answers are extractive. Start Ollama with model " + model
          + ", or pass --offline to skip this check.");
      err.flush();
      return null;
    }
    return ollama;
  }
}
