package io.elavira.memory;

import org.jspecify.annotations.Nullable;

/**
 * How an agent remembers beyond the short-term window: recall of the user's past conversations with
 * the same agent, and summaries of long conversations.
 *
 * <p><b>Recall.</b> Every question-and-answer pair a user had with the agent is embedded with the
 * agent's embedding model (through the embedding cache) the next time that user asks. When a new
 * question is similar enough to a pair of one of the user's <em>other</em> conversations (cosine
 * similarity at least {@link #minScore()}), the best {@link #maxRecalled()} pairs join the
 * retrieved passages and are cited as {@link io.elavira.Source.Kind#CONVERSATION} sources named
 * {@code "conversation of <date>"}. Only the asking user's conversations with the same agent are
 * read, and that restriction is part of the database query.
 *
 * <p><b>Summaries.</b> When a conversation has messages older than its short-term window, they are
 * summarised (by the agent's language model when it has one, otherwise extractively: the first
 * sentence of each message) within {@link #summaryMaxTokens()}, and the summary is placed in the
 * prompt before the window. It is stored and reused, and extended only once {@link
 * #summaryRefreshMessages()} more messages have left the window.
 *
 * <pre>{@code
 * ElaviraAgent.builder()...
 *     .longTermMemory(LongTermMemory.builder().minScore(0.7).maxRecalled(2).build())
 *     .build();
 * ElaviraAgent.builder()...longTermMemory(LongTermMemory.off()).build(); // short-term only
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LongTermMemory {
  /** Default lowest cosine similarity of a recalled exchange. */
  public static final double DEFAULT_MIN_SCORE = 0.5;

  /** Default most exchanges recalled per question. */
  public static final int DEFAULT_MAX_RECALLED = 3;

  /** Default number of messages that must leave the window before a summary is extended. */
  public static final int DEFAULT_SUMMARY_REFRESH_MESSAGES = 6;

  /** Default longest summary, in tokens of the agent's token counter. */
  public static final int DEFAULT_SUMMARY_MAX_TOKENS = 300;

  private static final LongTermMemory DEFAULTS = builder().build();
  private static final LongTermMemory OFF = builder().recall(false).summaries(false).build();

  private final boolean recall;
  private final boolean summaries;
  private final double minScore;
  private final int maxRecalled;
  private final int summaryRefreshMessages;
  private final int summaryMaxTokens;

  private LongTermMemory(Builder b) {
    this.recall = b.recall != null ? b.recall : true;
    this.summaries = b.summaries != null ? b.summaries : true;
    this.minScore = b.minScore != null ? b.minScore : DEFAULT_MIN_SCORE;
    this.maxRecalled = b.maxRecalled != null ? b.maxRecalled : DEFAULT_MAX_RECALLED;
    this.summaryRefreshMessages =
        b.summaryRefreshMessages != null
            ? b.summaryRefreshMessages
            : DEFAULT_SUMMARY_REFRESH_MESSAGES;
    this.summaryMaxTokens =
        b.summaryMaxTokens != null ? b.summaryMaxTokens : DEFAULT_SUMMARY_MAX_TOKENS;
  }

  /** Recall and summaries on, with the default settings. */
  public static LongTermMemory defaults() {
    return DEFAULTS;
  }

  /** No recall and no summaries: the agent remembers only its short-term window. */
  public static LongTermMemory off() {
    return OFF;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether past conversations are recalled. */
  public boolean recall() {
    return recall;
  }

  /** Whether long conversations are summarised. */
  public boolean summaries() {
    return summaries;
  }

  /** Lowest cosine similarity of a recalled exchange. */
  public double minScore() {
    return minScore;
  }

  /** Most exchanges recalled per question. */
  public int maxRecalled() {
    return maxRecalled;
  }

  /** Messages that must leave the window before a stored summary is extended. */
  public int summaryRefreshMessages() {
    return summaryRefreshMessages;
  }

  /** Longest summary, in tokens. */
  public int summaryMaxTokens() {
    return summaryMaxTokens;
  }

  @Override
  public String toString() {
    return "LongTermMemory[recall="
        + recall
        + ", summaries="
        + summaries
        + ", minScore="
        + minScore
        + ", maxRecalled="
        + maxRecalled
        + ", summaryRefreshMessages="
        + summaryRefreshMessages
        + ", summaryMaxTokens="
        + summaryMaxTokens
        + "]";
  }

  /**
   * Collects the settings; each setter validates at once and may be called once. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable Boolean recall;
    private @Nullable Boolean summaries;
    private @Nullable Double minScore;
    private @Nullable Integer maxRecalled;
    private @Nullable Integer summaryRefreshMessages;
    private @Nullable Integer summaryMaxTokens;

    private Builder() {}

    /**
     * Whether past conversations are recalled. Default true.
     *
     * @throws IllegalStateException when already set
     */
    public Builder recall(boolean recall) {
      once(this.recall, "recall");
      this.recall = recall;
      return this;
    }

    /**
     * Whether long conversations are summarised. Default true.
     *
     * @throws IllegalStateException when already set
     */
    public Builder summaries(boolean summaries) {
      once(this.summaries, "summaries");
      this.summaries = summaries;
      return this;
    }

    /**
     * Lowest cosine similarity of a recalled exchange, in [-1, 1]. Default {@value
     * #DEFAULT_MIN_SCORE}.
     *
     * @throws IllegalArgumentException when out of range
     * @throws IllegalStateException when already set
     */
    public Builder minScore(double minScore) {
      once(this.minScore, "minScore");
      if (!(minScore >= -1 && minScore <= 1)) {
        throw new IllegalArgumentException(
            "LongTermMemory.builder().minScore(" + minScore + "): must be in [-1, 1]");
      }
      this.minScore = minScore;
      return this;
    }

    /**
     * Most exchanges recalled per question, 1 or more. Default {@value #DEFAULT_MAX_RECALLED}.
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when already set
     */
    public Builder maxRecalled(int maxRecalled) {
      once(this.maxRecalled, "maxRecalled");
      this.maxRecalled = atLeastOne(maxRecalled, "maxRecalled");
      return this;
    }

    /**
     * Messages that must leave the short-term window before a stored summary is extended, 1 or
     * more. Default {@value #DEFAULT_SUMMARY_REFRESH_MESSAGES}.
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when already set
     */
    public Builder summaryRefreshMessages(int summaryRefreshMessages) {
      once(this.summaryRefreshMessages, "summaryRefreshMessages");
      this.summaryRefreshMessages = atLeastOne(summaryRefreshMessages, "summaryRefreshMessages");
      return this;
    }

    /**
     * Longest summary, in tokens, 1 or more. Default {@value #DEFAULT_SUMMARY_MAX_TOKENS}.
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when already set
     */
    public Builder summaryMaxTokens(int summaryMaxTokens) {
      once(this.summaryMaxTokens, "summaryMaxTokens");
      this.summaryMaxTokens = atLeastOne(summaryMaxTokens, "summaryMaxTokens");
      return this;
    }

    /** The settings. */
    public LongTermMemory build() {
      return new LongTermMemory(this);
    }

    private static void once(@Nullable Object current, String setter) {
      if (current != null) {
        throw new IllegalStateException(
            "LongTermMemory.builder()." + setter + "(...) was already set to " + current);
      }
    }

    private static int atLeastOne(int value, String setter) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "LongTermMemory.builder()." + setter + "(" + value + "): must be >= 1");
      }
      return value;
    }
  }
}
