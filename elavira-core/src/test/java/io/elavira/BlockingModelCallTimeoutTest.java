package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.guard.GuardPolicy;
import io.elavira.llm.Attempt;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking {@code ask} whose model hangs is stopped at the guard policy's per-call time limit,
 * not when the model eventually returns: the models below never return on their own (their latch is
 * never opened), so the answer can only come from the limit cancelling the call.
 */
class BlockingModelCallTimeoutTest {
  static final Duration LIMIT = Duration.ofMillis(100);

  @TempDir Path home;
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  private void agent(LlmProvider llm) {
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(new FakeEmbeddingModel())
            .llm(llm)
            .guards(GuardPolicy.builder().modelCallTimeout(LIMIT).build())
            .build();
    agent.index(ElaviraAgentTest.TERMS, Docs.chunks(ElaviraAgentTest.TERMS));
  }

  private void assertStoppedAtTheLimit(Answer answer) {
    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(answer.text()).doesNotContain("late");
    assertThat(answer.reason())
        .contains("TIMEOUT")
        .contains("limit modelCallTimeout=PT0.1S (GuardPolicy.modelCallTimeout)");
    assertThat(answer.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(Attempt.Outcome.FAILED);
              assertThat(a.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
            });
  }

  @Test
  void aHangingBlockingModelIsInterruptedAtTheCallTimeout() {
    HangingModel llm = new HangingModel();
    agent(llm);

    Answer answer = agent.ask("alice", "c1", "What are the fees?");

    assertStoppedAtTheLimit(answer);
    assertThat(llm.entered.getCount()).isZero();
    assertThat(llm.interrupted).isTrue();
    // The interrupt was the limit's, for the model call only: the caller's thread is left clean.
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    // The agent answers the next question normally.
    llm.release.countDown();
    assertThat(agent.ask("alice", "c1", "And the fees again?").text()).isEqualTo("late");
  }

  @Test
  void aModelThatCanCloseItsCallIsCancelledAtTheCallTimeoutNotInterrupted() {
    CancellableModel llm = new CancellableModel();
    agent(llm);

    Answer answer = agent.ask("alice", "c1", "What are the fees?");

    assertStoppedAtTheLimit(answer);
    assertThat(llm.cancelled.getCount()).isZero();
    assertThat(llm.interrupted).isFalse();
  }

  /** Blocks in {@code chat} until released (never, unless a test says so) or interrupted. */
  static final class HangingModel implements LlmProvider {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean interrupted;

    @Override
    public String name() {
      return "hanging";
    }

    @Override
    public String defaultModel() {
      return "hanging-model";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new LlmException(name(), LlmException.Kind.UNAVAILABLE, "never released");
        }
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.currentThread().interrupt();
        throw new LlmException(name(), LlmException.Kind.CANCELLED, "interrupted");
      }
      return ChatResponse.of("late", "hanging-model", TokenUsage.NONE, "stop");
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      throw new UnsupportedOperationException("ask does not stream");
    }

    @Override
    public Health health() {
      return Health.up("hanging");
    }
  }

  /** Closes its "connection" on cancellation, as an HTTP provider does; never answers otherwise. */
  static final class CancellableModel implements LlmProvider {
    final CountDownLatch cancelled = new CountDownLatch(1);
    volatile boolean interrupted;

    @Override
    public String name() {
      return "cancellable";
    }

    @Override
    public String defaultModel() {
      return "cancellable-model";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      throw new UnsupportedOperationException("the agent passes its cancellation");
    }

    @Override
    public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
      cancellation.onCancel(cancelled::countDown);
      try {
        if (!cancelled.await(30, TimeUnit.SECONDS)) {
          return ChatResponse.of("late", "cancellable-model", TokenUsage.NONE, "stop");
        }
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.currentThread().interrupt();
      }
      throw new LlmException(name(), LlmException.Kind.CANCELLED, "the call was cancelled");
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      throw new UnsupportedOperationException("ask does not stream");
    }

    @Override
    public Health health() {
      return Health.up("cancellable");
    }
  }
}
