package io.elavira.memory;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.Role;
import io.elavira.llm.TokenCounter;
import io.elavira.store.StoredMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Picks the short-term history sent with a question: the newest messages of a conversation that fit
 * both a message count and a token budget.
 *
 * <pre>{@code
 * MemoryWindow window = MemoryWindow.of(10, 1000, TokenCounter.estimating());
 * List<ChatMessage> history = window.select(store.conversations().recent(conversationId, 10));
 * }</pre>
 *
 * <p>Rules, in order:
 *
 * <ul>
 *   <li>History is cut into <em>turns</em>: a user message and the assistant replies that follow
 *       it. A turn is kept or dropped as a whole, so the window never starts with an assistant
 *       reply whose question is missing. Assistant replies before the first user message of the
 *       input (a pair cut by the caller's own limit) are dropped.
 *   <li>Turns are taken newest first while both limits hold; the first turn that does not fit ends
 *       the window, so the history stays contiguous.
 *   <li>A turn holding a message longer than {@code maxTokens} on its own can never be sent: it is
 *       skipped (rather than truncated or sent over budget) and older turns are still considered,
 *       so one pasted document does not wipe the memory.
 *   <li>{@link Role#SYSTEM} messages are not history (the agent sends its own system prompt) and
 *       are ignored.
 * </ul>
 *
 * <p>Tokens are counted on message contents only, with the configured {@link TokenCounter}. The
 * result is in conversation order, oldest first, and may be empty.
 *
 * <p>Immutable and thread-safe when the token counter is.
 */
public final class MemoryWindow {
  private final int maxMessages;
  private final int maxTokens;
  private final TokenCounter counter;

  private MemoryWindow(int maxMessages, int maxTokens, TokenCounter counter) {
    this.maxMessages = maxMessages;
    this.maxTokens = maxTokens;
    this.counter = counter;
  }

  /**
   * A window of at most {@code maxMessages} messages totalling at most {@code maxTokens} tokens.
   * Zero for either limit means no history at all.
   *
   * @throws IllegalArgumentException when a limit is negative
   * @throws NullPointerException when {@code counter} is null
   */
  public static MemoryWindow of(int maxMessages, int maxTokens, TokenCounter counter) {
    if (maxMessages < 0) {
      throw new IllegalArgumentException("maxMessages must be >= 0, was " + maxMessages);
    }
    if (maxTokens < 0) {
      throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
    }
    return new MemoryWindow(maxMessages, maxTokens, Objects.requireNonNull(counter, "counter"));
  }

  /** The message limit. */
  public int maxMessages() {
    return maxMessages;
  }

  /** The token limit. */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * The newest messages of {@code recentOldestFirst} that fit the window, oldest first.
   *
   * @param recentOldestFirst a conversation's latest messages in conversation order, as returned by
   *     {@link io.elavira.store.ConversationStore#recent}
   * @return the messages to send, oldest first; empty when none fits
   */
  public List<ChatMessage> select(List<StoredMessage> recentOldestFirst) {
    return selectStored(recentOldestFirst).stream()
        .map(m -> new ChatMessage(m.role(), m.content()))
        .toList();
  }

  /**
   * The stored messages {@link #select} picks, oldest first: what is older than the first of them
   * is outside the window (a long conversation's summary covers it).
   *
   * @param recentOldestFirst a conversation's latest messages in conversation order
   * @return the messages to send, oldest first; empty when none fits
   */
  public List<StoredMessage> selectStored(List<StoredMessage> recentOldestFirst) {
    Objects.requireNonNull(recentOldestFirst, "recentOldestFirst");
    if (maxMessages == 0 || maxTokens == 0) {
      return List.of();
    }
    List<List<StoredMessage>> turns = turns(recentOldestFirst);
    List<StoredMessage> keptNewestFirst = new ArrayList<>();
    int messages = 0;
    int tokens = 0;
    for (int t = turns.size() - 1; t >= 0; t--) {
      List<StoredMessage> turn = turns.get(t);
      int turnTokens = 0;
      boolean oversized = false;
      for (StoredMessage m : turn) {
        int n = counter.count(m.content());
        oversized |= n > maxTokens;
        turnTokens += n;
      }
      if (oversized) {
        continue;
      }
      if (messages + turn.size() > maxMessages || tokens + turnTokens > maxTokens) {
        break;
      }
      messages += turn.size();
      tokens += turnTokens;
      for (int i = turn.size() - 1; i >= 0; i--) {
        keptNewestFirst.add(turn.get(i));
      }
    }
    Collections.reverse(keptNewestFirst);
    return List.copyOf(keptNewestFirst);
  }

  /** User messages open turns; assistant replies join the open turn; others are ignored. */
  private static List<List<StoredMessage>> turns(List<StoredMessage> messages) {
    List<List<StoredMessage>> turns = new ArrayList<>();
    List<StoredMessage> current = null;
    for (StoredMessage m : messages) {
      if (m.role() == Role.USER) {
        current = new ArrayList<>(2);
        current.add(m);
        turns.add(current);
      } else if (m.role() == Role.ASSISTANT && current != null) {
        current.add(m);
      }
    }
    return turns;
  }

  @Override
  public String toString() {
    return "MemoryWindow[maxMessages=" + maxMessages + ", maxTokens=" + maxTokens + "]";
  }
}
