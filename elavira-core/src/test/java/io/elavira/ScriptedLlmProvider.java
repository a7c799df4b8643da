package io.elavira;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A language model for tests that plays scripted steps, one per call, and records every request.
 * When the script is empty it answers with {@link #fallbackStep}.
 */
final class ScriptedLlmProvider implements LlmProvider {
  static final String NAME = "scripted";
  static final String MODEL = "scripted-model";

  /** What one call does. */
  interface Step {
    ChatResponse run(ChatRequest request, TokenListener listener, Cancellation cancellation);
  }

  private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Step fallbackStep = answer("scripted answer");

  ScriptedLlmProvider then(Step step) {
    script.add(step);
    return this;
  }

  ScriptedLlmProvider otherwise(Step step) {
    fallbackStep = step;
    return this;
  }

  List<ChatRequest> requests() {
    return requests;
  }

  ChatRequest lastRequest() {
    return requests.get(requests.size() - 1);
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Answers with the tokens (streamed one by one; their concatenation for chat). */
  static Step answer(String... tokens) {
    return (request, listener, cancellation) -> {
      StringBuilder text = new StringBuilder();
      for (String token : tokens) {
        listener.onToken(token);
        text.append(token);
      }
      return ChatResponse.of(text.toString(), MODEL, new TokenUsage(11, tokens.length), "stop");
    };
  }

  /** Echoes the last user message: "re: " + question. */
  static Step echo() {
    return (request, listener, cancellation) -> {
      List<ChatMessage> messages = request.messages();
      String text = "re: " + messages.get(messages.size() - 1).content();
      listener.onToken(text);
      return ChatResponse.of(text, MODEL, new TokenUsage(5, 1), "stop");
    };
  }

  /** Fails at once. */
  static Step fail(LlmException.Kind kind) {
    return (request, listener, cancellation) -> {
      throw new LlmException(NAME, kind, "scripted failure " + kind);
    };
  }

  /** Streams the tokens, then fails mid-stream. */
  static Step failAfter(LlmException.Kind kind, String... tokens) {
    return (request, listener, cancellation) -> {
      for (String token : tokens) {
        listener.onToken(token);
      }
      throw new LlmException(NAME, kind, "scripted failure after tokens");
    };
  }

  /** Streams one token, signals {@code streaming}, then blocks until cancelled. */
  static Step untilCancelled(String firstToken, CountDownLatch streaming) {
    return (request, listener, cancellation) -> {
      CountDownLatch cancelled = new CountDownLatch(1);
      cancellation.onCancel(cancelled::countDown);
      listener.onToken(firstToken);
      streaming.countDown();
      try {
        if (!cancelled.await(30, TimeUnit.SECONDS)) {
          throw new LlmException(NAME, LlmException.Kind.TIMEOUT, "never cancelled");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new LlmException(NAME, LlmException.Kind.CANCELLED, "cancelled");
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultModel() {
    return MODEL;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return next(request).run(request, token -> {}, new Cancellation());
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    return next(request).run(request, listener, cancellation);
  }

  private Step next(ChatRequest request) {
    requests.add(request);
    Step step = script.poll();
    return step != null ? step : fallbackStep;
  }

  @Override
  public Health health() {
    return Health.up("scripted");
  }

  @Override
  public void close() {
    closed.set(true);
  }

  /** The system message of a request (holds the passages). */
  static String systemMessage(ChatRequest request) {
    return request.messages().stream()
        .filter(m -> m.role() == Role.SYSTEM)
        .map(ChatMessage::content)
        .findFirst()
        .orElse("");
  }

  /** The contents of the messages of a role, in order. */
  static List<String> contents(ChatRequest request, Role role) {
    List<String> out = new ArrayList<>();
    request.messages().stream().filter(m -> m.role() == role).forEach(m -> out.add(m.content()));
    return out;
  }
}
