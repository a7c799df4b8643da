package io.elavira.llm.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A blocking chat can be cancelled while the server has not answered: the HTTP call is closed, as a
 * stream's is. The server is a raw socket that reads the request and never answers (WireMock's
 * delays end by themselves), so the call can only end through the cancellation.
 */
class OllamaBlockingCancelTest {

  @Test
  void cancellingABlockingChatClosesItsHttpCall() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch testDone = new CountDownLatch(1);
    try (ServerSocket silent = new ServerSocket(0)) {
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = silent.accept()) {
                  InputStream in = socket.getInputStream();
                  if (in.read(new byte[4096]) > 0) {
                    received.countDown();
                  }
                  testDone.await(30, TimeUnit.SECONDS); // never answers
                } catch (IOException | InterruptedException e) {
                  // the test is over
                }
              });
      Cancellation cancellation = new Cancellation();
      try (OllamaProvider p =
          OllamaProvider.builder()
              .baseUrl("http://127.0.0.1:" + silent.getLocalPort())
              .model("llama3.2")
              .requestTimeout(Duration.ofSeconds(60))
              .build()) {
        CompletableFuture<ChatResponse> running =
            CompletableFuture.supplyAsync(
                () -> p.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour ?"))), cancellation));
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();

        cancellation.cancel();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(
                LlmException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                  assertThat(e.provider()).isEqualTo("ollama");
                });
      } finally {
        testDone.countDown();
      }
      serving.get(10, TimeUnit.SECONDS);
    }
  }
}
