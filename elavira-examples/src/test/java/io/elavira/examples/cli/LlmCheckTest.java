package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language-model check at start-up: cheap and bounded when Ollama is absent or stuck. */
class LlmCheckTest {

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.ingestGood(docs, home);
  }

  @Test
  void answersExtractivelyWhenTheServerAcceptsButNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();

      CliRun run = ask(url);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText())
          .isEqualTo("EXTRACTIVE");
      assertThat(run.err()).contains("Ollama is not available at " + url).contains("--offline");
    }
  }

  @Test
  void answersExtractivelyWhenConnectionsToTheServerHang() throws Exception {
    // A listening socket that never accepts, with its backlog filled: new connections get no
    // answer at all, like a firewalled (black-holed) port.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket filler = new Socket();
          try {
            filler.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 100);
            fillers.add(filler);
          } catch (IOException e) {
            filler.close();
            break;
          }
        }
        String url = "http://127.0.0.1:" + full.getLocalPort();

        CliRun run = ask(url);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText())
            .isEqualTo("EXTRACTIVE");
        assertThat(run.err())
            .contains("Ollama is not available at " + url)
            .contains("no answer within");
      } finally {
        for (Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }

  @Test
  void neverPrintsAPasswordWrittenInTheLlmUrl() throws Exception {
    int closedPort = ProviderChainTest.closedPort();

    CliRun run = ask("http://elavira:s3cret@127.0.0.1:" + closedPort);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("Ollama is not available at http://***@127.0.0.1:" + closedPort)
        .doesNotContain("s3cret");
  }

  @Test
  void rejectsAnLlmUrlThatIsNotHttp() {
    CliRun run =
        CliRun.run(
            "ask",
            "--home",
            home.toString(),
            "--llm-url",
            "localhost:11434",
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("--llm-url localhost:11434")
        .contains("http")
        .doesNotContain("\tat ");
  }

  @Test
  void rejectsAHomeThatIsAFile() throws IOException {
    Path file = Files.writeString(docs.resolve("not-a-folder"), "x");

    CliRun run = CliRun.run("ask", "--offline", "--home", file.toString(), "Anything?");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(file.toString())
        .contains("is a file, not a folder")
        .doesNotContain("Exception");
  }

  private CliRun ask(String url) {
    return CliRun.run(
        "ask",
        "--json",
        "--home",
        home.toString(),
        "--llm-url",
        url,
        "How do I repair a punctured bicycle tyre?");
  }
}
