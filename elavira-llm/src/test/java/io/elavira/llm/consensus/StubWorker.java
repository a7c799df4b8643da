package io.elavira.llm.consensus;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A provider for tests that answers fixed tokens after an optional gate, or fails; it honours
 * cancellation (a cancelled call ends at once with CANCELLED) and records requests.
 */
final class StubWorker implements LlmProvider {
  private final String name;
  private final String model;
  private final List<String> tokens;
  private final LlmException.@Nullable Kind failure;
  private final @Nullable CountDownLatch gate;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  final CountDownLatch cancelled = new CountDownLatch(1);
  final CountDownLatch started = new CountDownLatch(1);

  private StubWorker(
      String name,
      String model,
      List<String> tokens,
      LlmException.@Nullable Kind failure,
      @Nullable CountDownLatch gate) {
    this.name = name;
    this.model = model;
    this.tokens = tokens;
    this.failure = failure;
    this.gate = gate;
  }

  static StubWorker answering(String name, String... tokens) {
    return new StubWorker(name, name + "-model", List.of(tokens), null, null);
  }

  static StubWorker answeringAs(String name, String model, String token) {
    return new StubWorker(name, model, List.of(token), null, null);
  }

  /** Answers only once {@code gate} opens (or the call is cancelled). */
  static StubWorker gated(String name, CountDownLatch gate, String... tokens) {
    return new StubWorker(name, name + "-model", List.of(tokens), null, gate);
  }

  static StubWorker failing(String name, LlmException.Kind kind) {
    return new StubWorker(name, name + "-model", List.of(), kind, null);
  }

  List<ChatRequest> requests() {
    return requests;
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String defaultModel() {
    return model;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return stream(request, token -> {}, new Cancellation());
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    requests.add(request);
    cancellation.onCancel(cancelled::countDown);
    started.countDown();
    if (gate != null) {
      CountDownLatch g = gate;
      try {
        while (!g.await(10, TimeUnit.MILLISECONDS)) {
          if (cancellation.isCancelled()) {
            throw new LlmException(name, LlmException.Kind.CANCELLED, "cancelled");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmException(name, LlmException.Kind.CANCELLED, "interrupted");
      }
    }
    if (failure != null) {
      throw new LlmException(name, failure, name + " failed with " + failure);
    }
    StringBuilder text = new StringBuilder();
    for (String token : tokens) {
      if (cancellation.isCancelled()) {
        throw new LlmException(name, LlmException.Kind.CANCELLED, "cancelled");
      }
      listener.onToken(token);
      text.append(token);
    }
    return ChatResponse.of(text.toString(), model, new TokenUsage(10, tokens.size()), "stop");
  }

  @Override
  public Health health() {
    return Health.up(name);
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
