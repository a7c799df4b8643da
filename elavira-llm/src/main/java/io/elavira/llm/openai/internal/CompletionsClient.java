package io.elavira.llm.openai.internal;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life cycle the OpenAI-shaped provider facades (OpenAI, Mistral, llama.cpp) share around one
 * {@link ChatCompletions} engine: calls refused after {@link #close()}, a health check by model
 * listing, one close of the HTTP client. Thread-safe. Not API.
 */
public final class CompletionsClient {
  private final String label;
  private final ChatCompletions engine;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A client.
   *
   * @param label the provider as messages name it, e.g. "Mistral"
   */
  public CompletionsClient(String label, ChatCompletions engine) {
    this.label = label;
    this.engine = engine;
  }

  /** The engine, for provider-specific calls. */
  public ChatCompletions engine() {
    return engine;
  }

  /** Where the server is, for messages. */
  public String where() {
    return engine.http().settings().where();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** "the {label} provider for {where} is closed". */
  public String closedMessage() {
    return "the " + label + " provider for " + where() + " is closed";
  }

  /**
   * Refuses a call after {@link #close()}.
   *
   * @throws IllegalStateException when closed
   */
  public void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(closedMessage());
    }
  }

  /**
   * One answer.
   *
   * @throws IllegalStateException when closed
   */
  public ChatResponse chat(ChatRequest request) {
    ensureOpen();
    return engine.chat(request);
  }

  /**
   * One answer; cancelling closes the HTTP call.
   *
   * @throws IllegalStateException when closed
   */
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    ensureOpen();
    return engine.chat(request, cancellation);
  }

  /**
   * One streamed answer.
   *
   * @throws IllegalStateException when closed
   */
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    ensureOpen();
    return engine.stream(request, listener, cancellation);
  }

  /**
   * The models the server lists, sorted.
   *
   * @throws IllegalStateException when closed
   */
  public List<String> models() {
    ensureOpen();
    return engine.models(false);
  }

  /** Up when the models can be listed within the health timeout; never throws. */
  public Health listingHealth() {
    String where = where();
    if (closed.get()) {
      return Health.down(closedMessage());
    }
    try {
      List<String> models = engine.models(true);
      return Health.up(label + " at " + where + " serves " + models.size() + " models");
    } catch (RuntimeException e) {
      return Health.down(e.getMessage() == null ? "unreachable: " + where : e.getMessage());
    }
  }

  /** Releases the HTTP client (unless the host owns it). Idempotent. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      engine.http().close();
    }
  }
}
