package io.elavira.internal;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenCounter;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.ConversationSummary;
import io.elavira.store.MemoryStore;
import io.elavira.store.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The summary of the messages of a conversation older than its short-term window: read from the
 * store, and written (by the model, or extractively without one or when it fails) when none exists
 * yet or when at least {@link LongTermMemory#summaryRefreshMessages()} more messages left the
 * window since it was written. A new summary extends the stored one with the messages after it, so
 * older messages are never read twice. Thread-safe; no state of its own.
 */
final class ConversationSummarizer {
  /** Messages folded into a summary at once; a longer backlog is folded over the next turns. */
  static final int MAX_MESSAGES_PER_PASS = 200;

  /** Characters of one message quoted in an extractive summary. */
  static final int EXTRACT_CHARS = 200;

  static final String INSTRUCTIONS =
      "You summarise a conversation between a user and an assistant so that the assistant can"
          + " continue it. Keep facts, names, numbers, decisions and the user's preferences and"
          + " open questions; drop greetings. Write only the summary, in the conversation's"
          + " language, in at most %d words.";

  private static final Logger LOG = LoggerFactory.getLogger(ConversationSummarizer.class);

  private final MemoryStore store;
  private final @Nullable LlmProvider llm;
  private final LongTermMemory settings;
  private final TokenCounter counter;
  private final Clock clock;

  ConversationSummarizer(
      MemoryStore store,
      @Nullable LlmProvider llm,
      LongTermMemory settings,
      TokenCounter counter,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.llm = llm;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.counter = Objects.requireNonNull(counter, "counter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The summary of the conversation's messages before {@code windowStartId}, or null when none is
   * older than the window.
   *
   * @param windowStartId the id of the oldest message in the window (or one more than the newest
   *     message when the window is empty)
   */
  @Nullable String summaryBefore(
      String agentId, String userId, String conversationId, long windowStartId) {
    Optional<ConversationSummary> stored = store.summary(agentId, userId, conversationId);
    long after = stored.map(ConversationSummary::throughMessageId).orElse(0L);
    @Nullable String current = stored.map(ConversationSummary::text).orElse(null);
    if (windowStartId <= after + 1) {
      return current;
    }
    int fresh = store.countMessagesBetween(agentId, userId, conversationId, after, windowStartId);
    if (fresh == 0 || (stored.isPresent() && fresh < settings.summaryRefreshMessages())) {
      return current;
    }
    List<StoredMessage> messages =
        store.messagesBetween(
            agentId, userId, conversationId, after, windowStartId, MAX_MESSAGES_PER_PASS);
    if (messages.isEmpty()) {
      return current;
    }
    Written written = write(current, messages);
    int covered = stored.map(ConversationSummary::messageCount).orElse(0) + messages.size();
    store.saveSummary(
        agentId,
        userId,
        new ConversationSummary(
            conversationId,
            written.text(),
            messages.get(messages.size() - 1).id(),
            covered,
            written.byModel(),
            clock.instant()));
    LOG.debug(
        "Summarised {} messages of conversation {} ({}, {} covered)",
        messages.size(),
        conversationId,
        written.byModel() ? "model" : "extractive",
        covered);
    return written.text();
  }

  private Written write(@Nullable String previous, List<StoredMessage> messages) {
    LlmProvider model = llm;
    if (model != null) {
      try {
        String text = model.chat(request(previous, messages)).text().strip();
        if (!text.isEmpty()) {
          return new Written(fit(List.of(text)), true);
        }
      } catch (RuntimeException e) {
        // A summary is an optimisation: the extractive one replaces it. The class only, since a
        // provider's message could quote the prompt.
        LOG.debug("The model could not summarise ({}); summarising extractively", e.getClass());
      }
    }
    return new Written(extractive(previous, messages), false);
  }

  private ChatRequest request(@Nullable String previous, List<StoredMessage> messages) {
    int words = Math.max(20, settings.summaryMaxTokens() * 3 / 4);
    StringBuilder user = new StringBuilder();
    if (previous != null) {
      user.append("Summary so far:\n").append(previous).append("\n\n");
    }
    user.append("Messages:\n");
    for (StoredMessage m : messages) {
      user.append(speaker(m)).append(": ").append(m.content()).append('\n');
    }
    return ChatRequest.of(
        List.of(
            ChatMessage.system(String.format(java.util.Locale.ROOT, INSTRUCTIONS, words)),
            ChatMessage.user(user.toString())));
  }

  /** The previous summary, then one line per message: its speaker and first sentence. */
  String extractive(@Nullable String previous, List<StoredMessage> messages) {
    List<String> lines = new ArrayList<>();
    if (previous != null) {
      lines.add(previous);
    }
    for (StoredMessage m : messages) {
      if (m.role() == Role.USER || m.role() == Role.ASSISTANT) {
        lines.add(speaker(m) + ": " + firstSentence(m.content()));
      }
    }
    return fit(lines);
  }

  /** Joins the lines, dropping the oldest until the summary fits its token budget. */
  private String fit(List<String> lines) {
    List<String> kept = new ArrayList<>(lines);
    String text = String.join("\n", kept);
    while (kept.size() > 1 && counter.count(text) > settings.summaryMaxTokens()) {
      kept.remove(0);
      text = String.join("\n", kept);
    }
    if (counter.count(text) > settings.summaryMaxTokens()) {
      // One line over the budget on its own: keep its beginning, word by word.
      String[] words = text.split("\\s+");
      StringBuilder cut = new StringBuilder();
      for (String w : words) {
        String next = cut.length() == 0 ? w : cut + " " + w;
        if (counter.count(next + " …") > settings.summaryMaxTokens()) {
          break;
        }
        cut.setLength(0);
        cut.append(next);
      }
      text = cut + " …";
    }
    return text;
  }

  static String firstSentence(String content) {
    String flat = content.strip().replaceAll("\\s+", " ");
    java.util.regex.Matcher end = java.util.regex.Pattern.compile("[.!?](\\s|$)").matcher(flat);
    String sentence = end.find() ? flat.substring(0, end.start() + 1) : flat;
    return sentence.length() <= EXTRACT_CHARS
        ? sentence
        : sentence.substring(0, EXTRACT_CHARS).strip() + "…";
  }

  private static String speaker(StoredMessage m) {
    return m.role() == Role.USER ? "User" : "Assistant";
  }

  private record Written(String text, boolean byModel) {}
}
