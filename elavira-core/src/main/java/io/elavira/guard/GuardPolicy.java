package io.elavira.guard;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The guards of one agent: its limits and what it does with prompt injections. On by default:
 * {@link #defaults()} holds the named {@code DEFAULT_*} constants below.
 *
 * <pre>{@code
 * GuardPolicy guards = GuardPolicy.builder()
 *     .maxQuestionChars(2000)
 *     .questionInjection(InjectionAction.FLAG)
 *     .turnTimeout(Duration.ofSeconds(60))
 *     .build();
 * ElaviraAgent agent = ElaviraAgent.builder()...guards(guards).build();
 * }</pre>
 *
 * <p>Each limit refuses a request with a {@link LimitExceededException} naming the limit and its
 * setting, except where said otherwise. Immutable and thread-safe; {@link #toBuilder()} derives a
 * variant.
 */
public final class GuardPolicy {
  /** Default longest question, in characters. */
  public static final int DEFAULT_MAX_QUESTION_CHARS = 4000;

  /**
   * Default longest question, in tokens (as the agent's token counter counts them): above what
   * {@link #DEFAULT_MAX_QUESTION_CHARS} of prose costs (3,900 characters of prose are about 1,400
   * tokens with {@link io.elavira.llm.TokenCounter#estimating()}), so that it only refuses text
   * unusually dense in tokens (symbols, code, digits).
   */
  public static final int DEFAULT_MAX_QUESTION_TOKENS = 2000;

  /** Default most messages stored in one conversation (questions and answers) before refusing. */
  public static final int DEFAULT_MAX_CONVERSATION_MESSAGES = 1000;

  /** Default most retrieved passages per question (the agent's {@code topK} may not exceed it). */
  public static final int DEFAULT_MAX_RETRIEVED_CHUNKS = 20;

  /** Default most tokens of the whole prompt: system prompt, passages, history and question. */
  public static final int DEFAULT_MAX_CONTEXT_TOKENS = 8000;

  /** Default longest wait for one model call. */
  public static final Duration DEFAULT_MODEL_CALL_TIMEOUT = Duration.ofSeconds(120);

  /** Default longest turn before the model is called (guards, memory, retrieval, prompt). */
  public static final Duration DEFAULT_TURN_TIMEOUT = Duration.ofSeconds(180);

  /** Default action on a question that looks like an injection. */
  public static final InjectionAction DEFAULT_QUESTION_INJECTION = InjectionAction.BLOCK;

  /** Default action on a retrieved passage that looks like an injection. */
  public static final InjectionAction DEFAULT_PASSAGE_INJECTION = InjectionAction.FLAG;

  private static final GuardPolicy DEFAULTS = new Builder().build();

  private final int maxQuestionChars;
  private final int maxQuestionTokens;
  private final int maxConversationMessages;
  private final int maxRetrievedChunks;
  private final int maxContextTokens;
  private final Duration modelCallTimeout;
  private final Duration turnTimeout;
  private final InjectionAction questionInjection;
  private final InjectionAction passageInjection;

  private GuardPolicy(Builder b) {
    GuardPolicy base = b.base;
    this.maxQuestionChars =
        pick(
            b.maxQuestionChars,
            base == null ? null : base.maxQuestionChars,
            DEFAULT_MAX_QUESTION_CHARS);
    this.maxQuestionTokens =
        pick(
            b.maxQuestionTokens,
            base == null ? null : base.maxQuestionTokens,
            DEFAULT_MAX_QUESTION_TOKENS);
    this.maxConversationMessages =
        pick(
            b.maxConversationMessages,
            base == null ? null : base.maxConversationMessages,
            DEFAULT_MAX_CONVERSATION_MESSAGES);
    this.maxRetrievedChunks =
        pick(
            b.maxRetrievedChunks,
            base == null ? null : base.maxRetrievedChunks,
            DEFAULT_MAX_RETRIEVED_CHUNKS);
    this.maxContextTokens =
        pick(
            b.maxContextTokens,
            base == null ? null : base.maxContextTokens,
            DEFAULT_MAX_CONTEXT_TOKENS);
    this.modelCallTimeout =
        pick(
            b.modelCallTimeout,
            base == null ? null : base.modelCallTimeout,
            DEFAULT_MODEL_CALL_TIMEOUT);
    this.turnTimeout =
        pick(b.turnTimeout, base == null ? null : base.turnTimeout, DEFAULT_TURN_TIMEOUT);
    this.questionInjection =
        pick(
            b.questionInjection,
            base == null ? null : base.questionInjection,
            DEFAULT_QUESTION_INJECTION);
    this.passageInjection =
        pick(
            b.passageInjection,
            base == null ? null : base.passageInjection,
            DEFAULT_PASSAGE_INJECTION);
  }

  /** The policy of the {@code DEFAULT_*} constants. */
  public static GuardPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults; each option may be set once. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values; each may be set once more. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.base = this;
    return b;
  }

  /** Longest question, in characters. */
  public int maxQuestionChars() {
    return maxQuestionChars;
  }

  /** Longest question, in tokens. */
  public int maxQuestionTokens() {
    return maxQuestionTokens;
  }

  /**
   * Most messages one conversation may hold; a question in a conversation that holds this many is
   * refused (start a new conversation).
   */
  public int maxConversationMessages() {
    return maxConversationMessages;
  }

  /**
   * Most passages retrieved per question: the agent's {@code topK} above it is refused when the
   * agent is built, and a retriever returning more is cut to it.
   */
  public int maxRetrievedChunks() {
    return maxRetrievedChunks;
  }

  /**
   * Most tokens of the whole prompt (system prompt, passages, history, question); the agent's
   * {@code contextTokens} above it is refused when the agent is built.
   */
  public int maxContextTokens() {
    return maxContextTokens;
  }

  /**
   * Longest wait for one model call. A streamed call is cancelled when it is reached; a blocking
   * call cannot be interrupted through the provider SPI, so its late answer is discarded. Either
   * way the answer is extractive (or partial, when tokens reached the caller) and its reason names
   * this limit: a slow model is not an error.
   */
  public Duration modelCallTimeout() {
    return modelCallTimeout;
  }

  /**
   * Longest time a turn may spend before its model call (guards, memory, retrieval, prompt);
   * checked before the model is called. The model call itself is bounded by {@link
   * #modelCallTimeout()}.
   */
  public Duration turnTimeout() {
    return turnTimeout;
  }

  /** What to do with a question that looks like an injection. */
  public InjectionAction questionInjection() {
    return questionInjection;
  }

  /** What to do with a retrieved passage that looks like an injection. */
  public InjectionAction passageInjection() {
    return passageInjection;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GuardPolicy p
        && maxQuestionChars == p.maxQuestionChars
        && maxQuestionTokens == p.maxQuestionTokens
        && maxConversationMessages == p.maxConversationMessages
        && maxRetrievedChunks == p.maxRetrievedChunks
        && maxContextTokens == p.maxContextTokens
        && modelCallTimeout.equals(p.modelCallTimeout)
        && turnTimeout.equals(p.turnTimeout)
        && questionInjection == p.questionInjection
        && passageInjection == p.passageInjection;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxQuestionChars,
        maxQuestionTokens,
        maxConversationMessages,
        maxRetrievedChunks,
        maxContextTokens,
        modelCallTimeout,
        turnTimeout,
        questionInjection,
        passageInjection);
  }

  @Override
  public String toString() {
    return "GuardPolicy[maxQuestionChars="
        + maxQuestionChars
        + ", maxQuestionTokens="
        + maxQuestionTokens
        + ", maxConversationMessages="
        + maxConversationMessages
        + ", maxRetrievedChunks="
        + maxRetrievedChunks
        + ", maxContextTokens="
        + maxContextTokens
        + ", modelCallTimeout="
        + modelCallTimeout
        + ", turnTimeout="
        + turnTimeout
        + ", questionInjection="
        + questionInjection
        + ", passageInjection="
        + passageInjection
        + "]";
  }

  private static <T> T pick(@Nullable T set, @Nullable T base, T fallback) {
    return set != null ? set : base != null ? base : fallback;
  }

  /**
   * Collects a policy's options. Each setter validates at once ({@link IllegalArgumentException}
   * naming the option and the value) and refuses being called twice ({@link
   * IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private @Nullable GuardPolicy base;
    private @Nullable Integer maxQuestionChars;
    private @Nullable Integer maxQuestionTokens;
    private @Nullable Integer maxConversationMessages;
    private @Nullable Integer maxRetrievedChunks;
    private @Nullable Integer maxContextTokens;
    private @Nullable Duration modelCallTimeout;
    private @Nullable Duration turnTimeout;
    private @Nullable InjectionAction questionInjection;
    private @Nullable InjectionAction passageInjection;

    private Builder() {}

    /** Longest question in characters, 1 or more. Default {@value #DEFAULT_MAX_QUESTION_CHARS}. */
    public Builder maxQuestionChars(int maxQuestionChars) {
      once(this.maxQuestionChars, "maxQuestionChars");
      this.maxQuestionChars = positive(maxQuestionChars, "maxQuestionChars");
      return this;
    }

    /** Longest question in tokens, 1 or more. Default {@value #DEFAULT_MAX_QUESTION_TOKENS}. */
    public Builder maxQuestionTokens(int maxQuestionTokens) {
      once(this.maxQuestionTokens, "maxQuestionTokens");
      this.maxQuestionTokens = positive(maxQuestionTokens, "maxQuestionTokens");
      return this;
    }

    /**
     * Most messages of one conversation, 2 or more (a question and its answer). Default {@value
     * #DEFAULT_MAX_CONVERSATION_MESSAGES}.
     */
    public Builder maxConversationMessages(int maxConversationMessages) {
      once(this.maxConversationMessages, "maxConversationMessages");
      if (maxConversationMessages < 2) {
        throw invalid("maxConversationMessages", maxConversationMessages, "must be >= 2");
      }
      this.maxConversationMessages = maxConversationMessages;
      return this;
    }

    /** Most passages per question, 1 or more. Default {@value #DEFAULT_MAX_RETRIEVED_CHUNKS}. */
    public Builder maxRetrievedChunks(int maxRetrievedChunks) {
      once(this.maxRetrievedChunks, "maxRetrievedChunks");
      this.maxRetrievedChunks = positive(maxRetrievedChunks, "maxRetrievedChunks");
      return this;
    }

    /** Most tokens of the whole prompt, 1 or more. Default {@value #DEFAULT_MAX_CONTEXT_TOKENS}. */
    public Builder maxContextTokens(int maxContextTokens) {
      once(this.maxContextTokens, "maxContextTokens");
      this.maxContextTokens = positive(maxContextTokens, "maxContextTokens");
      return this;
    }

    /** Longest model call, positive. Default 120 s ({@link #DEFAULT_MODEL_CALL_TIMEOUT}). */
    public Builder modelCallTimeout(Duration modelCallTimeout) {
      once(this.modelCallTimeout, "modelCallTimeout");
      this.modelCallTimeout = positive(modelCallTimeout, "modelCallTimeout");
      return this;
    }

    /**
     * Longest turn before the model call, positive. Default 180 s ({@link #DEFAULT_TURN_TIMEOUT}).
     */
    public Builder turnTimeout(Duration turnTimeout) {
      once(this.turnTimeout, "turnTimeout");
      this.turnTimeout = positive(turnTimeout, "turnTimeout");
      return this;
    }

    /** What to do with a question that looks like an injection. Default BLOCK. */
    public Builder questionInjection(InjectionAction action) {
      once(this.questionInjection, "questionInjection");
      this.questionInjection = Objects.requireNonNull(action, "questionInjection");
      return this;
    }

    /** What to do with a retrieved passage that looks like an injection. Default FLAG. */
    public Builder passageInjection(InjectionAction action) {
      once(this.passageInjection, "passageInjection");
      this.passageInjection = Objects.requireNonNull(action, "passageInjection");
      return this;
    }

    /**
     * The policy: the options set here, else the base policy's (from {@code toBuilder}), else the
     * defaults.
     */
    public GuardPolicy build() {
      return new GuardPolicy(this);
    }

    private void once(@Nullable Object current, String option) {
      if (current != null) {
        throw new IllegalStateException(
            "GuardPolicy." + option + " was already set to " + current + "; set it once");
      }
    }

    private static int positive(int value, String option) {
      if (value < 1) {
        throw invalid(option, value, "must be >= 1");
      }
      return value;
    }

    private static Duration positive(Duration value, String option) {
      Objects.requireNonNull(value, option);
      if (value.isZero() || value.isNegative()) {
        throw invalid(option, value, "must be positive");
      }
      return value;
    }

    private static IllegalArgumentException invalid(String option, Object value, String rule) {
      return new IllegalArgumentException(
          "GuardPolicy." + option + "(" + value + "): " + option + " " + rule);
    }
  }
}
