package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OLLAMA_HOST is read as the ollama command reads it. */
class OllamaHostTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com                 | http://example.com:11434",
        "0.0.0.0                     | http://0.0.0.0:11434",
        "127.0.0.1:5000              | http://127.0.0.1:5000",
        "gpu-box:11435               | http://gpu-box:11435",
        ":5000                       | http://127.0.0.1:5000",
        "http://gpu-box              | http://gpu-box:80",
        "https://ollama.example.com  | https://ollama.example.com:443",
        "https://h.example:8443/     | https://h.example:8443",
        "https://h.example/ollama/   | https://h.example:443/ollama",
        "[::1]:5000                  | http://[::1]:5000",
        "::1                         | http://[::1]:11434",
        "[::1]                       | http://[::1]:11434",
        "'\"localhost:1234\"'          | http://localhost:1234",
      })
  void readsTheFormsOllamaAccepts(String value, String url) {
    assertThat(OllamaHost.toUrl(value)).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:port", "localhost:70000", "ftp://files.example", "host:"})
  void rejectsWhatIsNotAHostPortOrHttpUrlNamingTheVariable(String value) {
    assertThatThrownBy(() -> OllamaHost.toUrl(value))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("OLLAMA_HOST='" + value + "'")
        .hasMessageContaining("--llm-url");
  }
}
