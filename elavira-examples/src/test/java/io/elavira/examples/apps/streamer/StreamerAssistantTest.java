package io.elavira.examples.apps.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.ElaviraAgent;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviders;
import io.elavira.llm.fallback.FallbackChains;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.ElaviraStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant's last resort and its checks, on a real home and the real embedding model. */
class StreamerAssistantTest {
  @TempDir static Path home;
  static OnnxEmbeddingModel embeddings;
  static ElaviraStore store;
  static LlmProvider deadChain;
  static ElaviraAgent agent;
  static StreamerAssistant assistant;

  @BeforeAll
  static void open() throws IOException {
    embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
    store = ElaviraStore.open(home.resolve("elavira.db"));
    String dead = "http://127.0.0.1:" + closedPort();
    deadChain =
        FallbackChains.fromLists(
            LlmProviders.load(),
            List.of("openai", "ollama"),
            List.of(dead + "/v1", dead),
            List.of("gpt-4o-mini", "llama3.2"),
            name -> "sk-test-key");
    agent = ElaviraAgent.builder().store(store).embeddings(embeddings).llm(deadChain).build();
    Path faq = home.resolve("faq.yaml");
    Files.writeString(
        faq,
        "- question: When do you stream?\n  answer: Tuesdays and Thursdays from 8 pm.\n"
            + "- question: Which keyboard do you use?\n  answer: A Keychron Q1.\n");
    FaqKnowledgeBase.read(faq).indexInto(agent);
    assistant = new StreamerAssistant(agent, store.feedback(), deadChain, 100);
  }

  @AfterAll
  static void close() {
    agent.close();
    deadChain.close();
    store.close();
    embeddings.close();
  }

  @Test
  void quotesTheFaqWhenNeitherTheRemoteNorTheLocalModelAnswers() {
    Answer answer = assistant.reply("viewer1", "When do you stream?");

    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(answer.text()).contains("Tuesdays and Thursdays from 8 pm");
    assertThat(answer.attempts()).extracting(a -> a.provider()).containsExactly("openai", "ollama");
    assertThat(assistant.status().modelAvailable()).isFalse();
    assertThat(assistant.status().documents()).isEqualTo(1);
  }

  @Test
  void refusesWhatIsNotAPlainMessageFromAValidSession() {
    assertThatThrownBy(() -> assistant.reply("viewer1", "x".repeat(101)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("the most is 100");
    assertThatThrownBy(() -> assistant.reply("viewer 1", "hi"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("session id");
    assertThatThrownBy(() -> assistant.reply("viewer1", "hi\u0007"))
        .isInstanceOf(InputRejectedException.class);
    assertThatThrownBy(() -> assistant.reply("viewer1", "   "))
        .isInstanceOf(InputRejectedException.class);
    assertThat(agent.lastConversationId("viewer 1")).isEmpty();
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
