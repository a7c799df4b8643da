package io.elavira.llm.ollama;

import io.elavira.llm.http.internal.HttpSettings;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Ollama's environment variables, as its own CLI reads them. */
final class OllamaEnvironment {
  private OllamaEnvironment() {}

  /** {@code OLLAMA_HOST} and {@code OLLAMA_API_KEY} fill what the builder left unset. */
  static void apply(HttpSettings.Builder http, Function<String, @Nullable String> env) {
    String host = env.apply("OLLAMA_HOST");
    if (!http.hasBaseUrl() && host != null && !host.isBlank()) {
      http.baseUrl(hostUrl(host.trim()));
    }
    String key = env.apply("OLLAMA_API_KEY");
    if (!http.hasApiKey() && key != null && !key.isBlank()) {
      http.apiKey(key);
    }
  }

  /**
   * {@code OLLAMA_HOST} as a URL: it may omit the scheme ("127.0.0.1:11434") or name the wildcard
   * address a server binds to ("0.0.0.0"), which a client reaches as the loopback address.
   */
  static String hostUrl(String host) {
    String url = host.contains("://") ? host : "http://" + host;
    url = url.replace("://0.0.0.0", "://127.0.0.1");
    String afterScheme = url.substring(url.indexOf("://") + 3);
    return afterScheme.contains(":") ? url : url + ":11434";
  }
}
