package io.elavira.examples.apps.consensus;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.WorkerAnswer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps a consensus provider (see {@code io.elavira.llm.consensus.ConsensusProviders}) and keeps
 * the worker answers of its latest response, which the agent's {@code Answer} does not carry: the
 * chat asks the agent, then {@link #takeLast()} gives what each model said.
 *
 * <p>Meant for one conversation asking one question at a time, as a chat does: with calls running
 * at once, {@link #takeLast()} returns the answers of whichever finished last. Thread-safe in that
 * sense; closing it closes the wrapped provider.
 */
public final class WorkerAnswerTap implements LlmProvider {
  private final LlmProvider consensus;
  private final AtomicReference<List<WorkerAnswer>> last = new AtomicReference<>(List.of());

  /**
   * Wraps {@code consensus}, which it now owns.
   *
   * @param consensus the provider whose responses carry {@link ChatResponse#workerAnswers()}
   */
  public WorkerAnswerTap(LlmProvider consensus) {
    this.consensus = Objects.requireNonNull(consensus, "consensus");
  }

  /**
   * The worker answers of the latest response, and forgets them: empty when no response came since
   * the last call (no model was asked, the answer came from elsewhere, or every worker failed).
   */
  public List<WorkerAnswer> takeLast() {
    return last.getAndSet(List.of());
  }

  @Override
  public String name() {
    return consensus.name();
  }

  @Override
  public String defaultModel() {
    return consensus.defaultModel();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return keep(consensus.chat(request));
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    return keep(consensus.stream(request, listener, cancellation));
  }

  @Override
  public Health health() {
    return consensus.health();
  }

  @Override
  public void close() {
    consensus.close();
  }

  private ChatResponse keep(ChatResponse response) {
    last.set(response.workerAnswers());
    return response;
  }

  @Override
  public String toString() {
    return "WorkerAnswerTap[" + consensus.name() + "]";
  }
}
