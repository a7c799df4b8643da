package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Document;
import io.elavira.llm.LlmException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElaviraAgentStreamTest {
  static final Document FAQ =
      Docs.document(
          "faq.txt", "The library opens at nine in the morning and closes at six in the evening.");

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final ScriptedLlmProvider llm = new ScriptedLlmProvider();
  final List<String> tokens = new CopyOnWriteArrayList<>();
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  private ElaviraAgent open(boolean withLlm) {
    ElaviraAgentBuilder b = ElaviraAgent.builder().home(home).embeddings(embeddings);
    agent = (withLlm ? b.llm(llm) : b).build();
    agent.index(FAQ, Docs.chunks(FAQ));
    return agent;
  }

  @Test
  void streamsTokensInOrderAndTheAnswerIsTheirConcatenation() {
    open(true);
    llm.then(ScriptedLlmProvider.answer("The ", "library ", "opens ", "at ", "nine", " [1]."));

    Answer answer = agent.stream("alice", "c1", "When does the library open?", tokens::add).await();

    assertThat(tokens).containsExactly("The ", "library ", "opens ", "at ", "nine", " [1].");
    assertThat(answer.text()).isEqualTo(String.join("", tokens));
    assertThat(answer.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(answer.sources()).extracting(Source::document).containsExactly("faq.txt");
    assertThat(agent.history("c1", 10))
        .extracting(m -> m.content())
        .containsExactly("When does the library open?", answer.text());
  }

  @Test
  void fallsBackToAnExtractiveAnswerWhenTheModelFailsBeforeTheFirstToken() {
    open(true);
    llm.then(ScriptedLlmProvider.fail(LlmException.Kind.UNAVAILABLE));

    Answer answer =
        agent.stream("alice", "c1", "When does the library close?", tokens::add).await();

    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(tokens).containsExactly(answer.text());
    assertThat(answer.text()).contains("six in the evening");
  }

  @Test
  void streamsAnExtractiveAnswerWithoutAModel() {
    open(false);

    Answer answer = agent.stream("alice", "c1", "When does the library open?", tokens::add).await();

    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(tokens).containsExactly(answer.text());
  }

  @Test
  void closingTheAgentFromItsOwnListenerFailsTheStreamInsteadOfDeadlocking() {
    open(false);

    AnswerStream stream =
        agent.stream("alice", "c1", "When does the library open?", token -> agent.close());

    assertThatThrownBy(stream::await)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another thread");
    assertThat(agent.history("c1", 10)).isEmpty(); // still open, nothing persisted
  }

  @Test
  void marksTheAnswerPartialWhenTheStreamBreaksAfterTokensAndStoresNothing() {
    open(true);
    llm.then(ScriptedLlmProvider.failAfter(LlmException.Kind.STREAM_INTERRUPTED, "The ", "lib"));

    Answer answer = agent.stream("alice", "c1", "When does the library open?", tokens::add).await();

    assertThat(tokens).containsExactly("The ", "lib");
    assertThat(answer.partial()).isTrue();
    assertThat(answer.text()).isEqualTo("The lib");
    assertThat(answer.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(answer.provider()).isEqualTo("scripted");
    assertThat(answer.reason())
        .contains("Provider scripted failed (STREAM_INTERRUPTED)")
        .endsWith("The answer stops there.");
    assertThat(answer.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(io.elavira.llm.Attempt.Outcome.FAILED);
              assertThat(a.kind()).isEqualTo(LlmException.Kind.STREAM_INTERRUPTED);
            });
    // An unfinished text never becomes memory.
    assertThat(agent.history("c1", 10)).isEmpty();
  }

  @Test
  void cancelStopsTheStreamAndPersistsNothing() throws Exception {
    open(true);
    CountDownLatch streaming = new CountDownLatch(1);
    llm.then(ScriptedLlmProvider.untilCancelled("The ", streaming));

    AnswerStream stream = agent.stream("alice", "c1", "When does the library open?", tokens::add);
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
    stream.cancel();

    assertThatThrownBy(stream::await)
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
    assertThatThrownBy(() -> stream.answer().get()).isInstanceOf(ExecutionException.class);
    // The next exchange on the conversation runs once the cancelled one has let go of it.
    Answer next = agent.stream("alice", "c1", "And on Sunday?", token -> {}).await();
    assertThat(agent.history("c1", 10))
        .extracting(m -> m.content())
        .containsExactly("And on Sunday?", next.text());
  }

  @Test
  void closeCancelsARunningStreamAndStoresNothingOfIt() throws Exception {
    open(true);
    CountDownLatch streaming = new CountDownLatch(1);
    llm.then(ScriptedLlmProvider.untilCancelled("The ", streaming));
    AnswerStream stream = agent.stream("alice", "c1", "When does the library open?", tokens::add);
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();

    agent.close();

    assertThatThrownBy(stream::await)
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build();
    assertThat(agent.history("c1", 10)).isEmpty();
  }

  @Test
  void closeReturnsWithinItsTimeoutWhenAProviderIgnoresCancellation() throws Exception {
    CountDownLatch streaming = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    llm.then(
        (request, listener, cancellation) -> {
          listener.onToken("stuck ");
          streaming.countDown();
          try {
            release.await(30, TimeUnit.SECONDS); // ignores the cancellation on purpose
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new LlmException("scripted", LlmException.Kind.UNAVAILABLE, "released");
        });
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .llm(llm)
            .closeTimeout(java.time.Duration.ofMillis(100))
            .build();
    AnswerStream stream = agent.stream("alice", "c1", "When does the library open?", tokens::add);
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10), agent::close);

      assertThatThrownBy(stream::await)
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
    } finally {
      release.countDown();
    }
  }

  @Test
  void runsOnTheGivenExecutorAndDoesNotShutItDown() {
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      agent =
          ElaviraAgent.builder()
              .home(home)
              .embeddings(embeddings)
              .llm(llm)
              .executor(executor)
              .build();
      List<String> threads = new CopyOnWriteArrayList<>();

      agent.stream("alice", "c1", "hello", t -> threads.add(Thread.currentThread().getName()))
          .await();
      agent.close();

      assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("pool-"));
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }
}
