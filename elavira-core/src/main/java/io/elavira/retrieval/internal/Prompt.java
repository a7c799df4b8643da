package io.elavira.retrieval.internal;

import io.elavira.Source;
import io.elavira.llm.ChatRequest;
import java.util.List;
import java.util.Objects;

/**
 * A prompt ready to send, and what went into it.
 *
 * @param request the messages: system prompt with the passages, history, then the question
 * @param sources the passages that fit in the budget and are in the prompt, in the order of their
 *     ids (passage {@code id="1"} is the first), best first; copied
 * @param droppedPassages how many retrieved passages did not fit
 * @param droppedHistory how many history messages did not fit
 * @param budgetTokens tokens used by passages, history and question, as counted by the builder's
 *     counter
 */
public record Prompt(
    ChatRequest request,
    List<Source> sources,
    int droppedPassages,
    int droppedHistory,
    int budgetTokens) {
  /** Validates and copies. */
  public Prompt {
    Objects.requireNonNull(request, "request");
    sources = List.copyOf(sources);
  }
}
