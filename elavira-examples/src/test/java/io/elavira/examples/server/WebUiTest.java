package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI is served by the server, same-origin only (no inline script, no external asset). */
class WebUiTest {
  @TempDir Path home;

  @Test
  void servesThePageItsScriptAndStylesWithTheSecurityHeaders() {
    try (ServerFixture server = new ServerFixture(home)) {
      var page = server.get("/", null);
      var script = server.get("/app.js", null);
      var styles = server.get("/app.css", null);
      var charts = server.get("/charts.js", null);

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
      assertThat(page.body())
          .contains("<script src=\"/app.js\" defer></script>")
          .doesNotContain("<script>", "http://", "https://", "style=\"");
      assertThat(script.status()).isEqualTo(200);
      assertThat(script.body()).doesNotContain("innerHTML", "eval(", "http://", "https://");
      assertThat(styles.status()).isEqualTo(200);
      assertThat(page.body()).contains("<script src=\"/charts.js\" defer></script>");
      assertThat(charts.status()).isEqualTo(200);
      // The SVG namespace is a name, not an address fetched.
      assertThat(charts.body().replace("http://www.w3.org/2000/svg", ""))
          .doesNotContain("innerHTML", "eval(", "http://", "https://");
    }
  }
}
