package io.elavira.vector.stores;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Where an integration test finds its real server: a system property, else an environment variable
 * (the one the {@code .ci} script prints). Absent, the test is skipped with a message, except under
 * {@code CI=true} where it fails.
 */
public final class ServerUrl {
  private ServerUrl() {}

  /**
   * The server's URL.
   *
   * @param property system property, e.g. {@code elavira.chroma.url}
   * @param env environment variable, e.g. {@code ELAVIRA_CHROMA_URL}
   * @param script the script that starts the server
   * @return the URL
   */
  public static String require(String property, String env, String script) {
    String url = System.getProperty(property);
    if (url == null || url.isBlank()) {
      url = System.getenv(env);
    }
    if (url == null || url.isBlank()) {
      String message =
          "no server: set -D"
              + property
              + "=... or "
              + env
              + " (start one with: eval \"$("
              + script
              + " start)\")";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + message);
      }
      Assumptions.abort(message);
    }
    return url;
  }
}
