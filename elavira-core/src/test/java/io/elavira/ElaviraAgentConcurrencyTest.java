package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.Role;
import io.elavira.llm.TokenUsage;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElaviraAgentConcurrencyTest {
  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final ScriptedLlmProvider llm = new ScriptedLlmProvider();
  final ExecutorService threads = Executors.newFixedThreadPool(8);
  ElaviraAgent agent;

  @AfterEach
  void close() {
    threads.shutdownNow();
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void answersDifferentConversationsInParallel() throws Exception {
    CountDownLatch bothInFlight = new CountDownLatch(2);
    llm.otherwise(
        (request, listener, cancellation) -> {
          bothInFlight.countDown();
          try {
            // Only returns once the other conversation's call is in flight too.
            if (!bothInFlight.await(10, TimeUnit.SECONDS)) {
              throw new LlmException(
                  ScriptedLlmProvider.NAME, LlmException.Kind.TIMEOUT, "serialized");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ChatResponse.of("parallel", ScriptedLlmProvider.MODEL, TokenUsage.NONE, "stop");
        });
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).llm(llm).build();

    Future<Answer> a = threads.submit(() -> agent.ask("alice", "c1", "question one"));
    Future<Answer> b = threads.submit(() -> agent.ask("bob", "c2", "question two"));

    assertThat(a.get(20, TimeUnit.SECONDS).text()).isEqualTo("parallel");
    assertThat(b.get(20, TimeUnit.SECONDS).text()).isEqualTo("parallel");
  }

  @Test
  void serializesCallsOnTheSameConversation() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch secondEntered = new CountDownLatch(2);
    llm.otherwise(
        (request, listener, cancellation) -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          secondEntered.countDown();
          try {
            // The first call waits for a second one to enter: it never does while the first holds
            // the
            // conversation, so the wait times out; without serialization it would enter at once.
            secondEntered.await(500, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          List<ChatMessage> messages = request.messages();
          String question = messages.get(messages.size() - 1).content();
          inFlight.decrementAndGet();
          return ChatResponse.of(
              "re: " + question, ScriptedLlmProvider.MODEL, TokenUsage.NONE, "stop");
        });
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).llm(llm).build();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String question = "question " + i;
      calls.add(
          () -> {
            start.await();
            return agent.ask("alice", "shared", question);
          });
    }

    List<Future<Answer>> futures = new ArrayList<>();
    calls.forEach(c -> futures.add(threads.submit(c)));
    start.countDown();
    for (Future<Answer> f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS).mode()).isEqualTo(AnswerMode.GENERATED);
    }

    assertThat(maxInFlight.get()).isEqualTo(1);
    List<StoredMessage> history = agent.history("shared", 100);
    assertThat(history).hasSize(12);
    for (int i = 0; i < history.size(); i += 2) {
      StoredMessage question = history.get(i);
      StoredMessage reply = history.get(i + 1);
      assertThat(question.role()).isEqualTo(Role.USER);
      assertThat(reply.role()).isEqualTo(Role.ASSISTANT);
      assertThat(reply.content()).isEqualTo("re: " + question.content());
      assertThat(reply.traceId()).isEqualTo(question.traceId());
    }
    // Each call saw the exchanges persisted before it: the i-th request carries i earlier turns
    // (up to the memory window of 10 messages).
    for (int i = 0; i < llm.requests().size(); i++) {
      long earlierQuestions =
          llm.requests().get(i).messages().stream().filter(m -> m.role() == Role.USER).count() - 1;
      assertThat(earlierQuestions).isEqualTo(Math.min(i, 5));
    }
  }
}
