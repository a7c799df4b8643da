package io.elavira.internal;

import io.elavira.Source;
import io.elavira.agent.Route;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.observe.CacheEvent;
import io.elavira.retrieval.internal.Prompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One question being answered: what was asked, what the stages found on the way, and how tokens
 * reach the caller (a listener for {@code stream}, none for {@code ask}).
 *
 * <p>Mutable; written by the stages of one request, on one thread at a time. {@link #cancel()} and
 * {@link #isCancelled()} may be called from any thread.
 */
final class Exchange {
  private static final int RUNNING = 0;
  private static final int RECORDING = 1;
  private static final int ENDED = 2;

  private final String traceId = UUID.randomUUID().toString();
  private final long startedNanos = System.nanoTime();
  private final String userId;
  private final String conversationId;
  private final String question;
  private final @Nullable TokenListener listener;
  private final Cancellation cancellation = new Cancellation();
  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private final AtomicBoolean delivered = new AtomicBoolean();

  private List<ChatMessage> history = List.of();
  private List<Source> retrieved = List.of();
  private @Nullable String summary;
  private Set<Source> flaggedPassages = Set.of();
  private final List<String> guardFlags = new ArrayList<>();
  private boolean weakMatch;
  private @Nullable Prompt prompt;
  private @Nullable Duration latency;
  private @Nullable Route route;
  private @Nullable LlmProvider llm;
  private Events events = Events.NONE;
  private CacheEvent.@Nullable Outcome cacheOutcome;
  private @Nullable ConsensusOutcome consensus;

  Exchange(
      String userId, String conversationId, String question, @Nullable TokenListener listener) {
    this.userId = Objects.requireNonNull(userId, "userId");
    this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
    this.question = Objects.requireNonNull(question, "question");
    this.listener = listener;
  }

  String traceId() {
    return traceId;
  }

  String userId() {
    return userId;
  }

  String conversationId() {
    return conversationId;
  }

  String question() {
    return question;
  }

  /** Whether tokens go to a caller as they are generated ({@code stream}). */
  boolean isStreaming() {
    return listener != null;
  }

  /** Hands a piece of the answer to the caller's listener, if any. */
  void deliver(String token) {
    delivered.set(true);
    if (listener != null) {
      listener.onToken(token);
    }
  }

  /** Whether any piece of a generated answer has reached the caller. */
  boolean hasDelivered() {
    return delivered.get();
  }

  /** The cancellation handed to the provider. */
  Cancellation cancellation() {
    return cancellation;
  }

  /**
   * Cancels the exchange unless its reply is already being recorded.
   *
   * @return whether this call cancelled it
   */
  boolean cancel() {
    if (state.compareAndSet(RUNNING, ENDED)) {
      cancellation.cancel();
      return true;
    }
    return false;
  }

  boolean isCancelled() {
    return cancellation.isCancelled();
  }

  /**
   * Claims the right to persist the reply; false when the exchange was cancelled first. After this,
   * {@link #cancel()} has no effect.
   */
  boolean startRecording() {
    return state.compareAndSet(RUNNING, RECORDING);
  }

  void ended() {
    state.set(ENDED);
  }

  List<ChatMessage> history() {
    return history;
  }

  void history(List<ChatMessage> history) {
    this.history = List.copyOf(history);
  }

  /** The summary of the conversation's messages older than the window, or null. */
  @Nullable String summary() {
    return summary;
  }

  void summary(@Nullable String summary) {
    this.summary = summary;
  }

  List<Source> retrieved() {
    return retrieved;
  }

  void retrieved(List<Source> retrieved) {
    this.retrieved = List.copyOf(retrieved);
  }

  /** The retrieved passages the passage guard flagged as possible injections. */
  Set<Source> flaggedPassages() {
    return flaggedPassages;
  }

  void flaggedPassages(Set<Source> flagged) {
    this.flaggedPassages = Set.copyOf(flagged);
  }

  /** What the guards flagged on the way (rules and places, never text), in order. */
  List<String> guardFlags() {
    return List.copyOf(guardFlags);
  }

  void addGuardFlag(String flag) {
    guardFlags.add(Objects.requireNonNull(flag, "flag"));
  }

  /** Whether no retrieved passage matches the question well. */
  boolean weakMatch() {
    return weakMatch;
  }

  void weakMatch(boolean weakMatch) {
    this.weakMatch = weakMatch;
  }

  Prompt prompt() {
    if (prompt == null) {
      throw new IllegalStateException("no prompt was built: the prompt stage did not run");
    }
    return prompt;
  }

  void prompt(Prompt prompt) {
    this.prompt = Objects.requireNonNull(prompt, "prompt");
  }

  /** The route decided for this request, or null when the agent has no router. */
  @Nullable Route route() {
    return route;
  }

  void route(Route route) {
    this.route = Objects.requireNonNull(route, "route");
  }

  /** The model the route chose instead of the agent's own, or {@code otherwise}. */
  @Nullable LlmProvider llmOr(@Nullable LlmProvider otherwise) {
    return llm != null ? llm : otherwise;
  }

  void routeLlm(LlmProvider llm) {
    this.llm = Objects.requireNonNull(llm, "llm");
  }

  /** Wall time since the exchange started; fixed once {@link #stopClock()} was called. */
  Duration latency() {
    return latency != null ? latency : Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** Fixes the latency at the moment the reply is recorded. */
  Duration stopClock() {
    latency = Duration.ofNanos(System.nanoTime() - startedNanos);
    return latency;
  }

  /** Where this exchange's events go; {@link Events#NONE} unless the chain set its listeners. */
  Events events() {
    return events;
  }

  void events(Events events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /** What the response cache did, or null when the agent has none (or it was not reached). */
  CacheEvent.@Nullable Outcome cacheOutcome() {
    return cacheOutcome;
  }

  void cacheOutcome(CacheEvent.Outcome outcome) {
    this.cacheOutcome = Objects.requireNonNull(outcome, "outcome");
  }

  @Override
  public String toString() {
    return "Exchange[trace=" + traceId + ", conversation=" + conversationId + "]";
  }

  /** How a consensus made the model's answer, or null when none did (set by generation). */
  @Nullable ConsensusOutcome consensus() {
    return consensus;
  }

  void consensus(@Nullable ConsensusOutcome consensus) {
    this.consensus = consensus;
  }
}
