package io.elavira.llm;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model's complete answer. Immutable and thread-safe.
 *
 * <p>Made with {@link #of(String, String, TokenUsage, String)} or {@link #builder(String, String,
 * TokenUsage)}; {@link #toBuilder()} derives a variant (a fallback chain adds its {@link
 * #attempts()}). New fields are added to the builder, so callers never break when it grows.
 *
 * <p>A refusal or an empty answer is a normal response, not an error.
 */
public final class ChatResponse {
  private final String text;
  private final String model;
  private final TokenUsage usage;
  private final @Nullable String finishReason;
  private final @Nullable String thinking;
  private final @Nullable String json;
  private final List<Attempt> attempts;
  private final List<WorkerAnswer> workerAnswers;
  private final @Nullable ConsensusOutcome consensus;

  private ChatResponse(Builder b) {
    this.text = b.text;
    this.model = b.model;
    this.usage = b.usage;
    this.finishReason = b.finishReason;
    this.thinking = b.thinking;
    this.json = b.json;
    this.attempts = b.attempts;
    this.workerAnswers = b.workerAnswers;
    this.consensus = b.consensus;
  }

  /**
   * A response with the four classic fields; what the former record's constructor took.
   *
   * @param text the generated text (may be empty)
   * @param model the model that actually answered, as the provider reports it
   * @param usage tokens consumed
   * @param finishReason why generation stopped ("stop", "length"...), or null when unknown
   */
  public static ChatResponse of(
      String text, String model, TokenUsage usage, @Nullable String finishReason) {
    Builder b = builder(text, model, usage);
    if (finishReason != null) {
      b.finishReason(finishReason);
    }
    return b.build();
  }

  /** A builder with the required fields. */
  public static Builder builder(String text, String model, TokenUsage usage) {
    return new Builder(text, model, usage);
  }

  /** A builder holding this response's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(text, model, usage);
    b.finishReason = finishReason;
    b.thinking = thinking;
    b.json = json;
    b.attempts = attempts;
    b.workerAnswers = workerAnswers;
    b.consensus = consensus;
    b.derived = true;
    return b;
  }

  /** The generated answer (may be empty), without any reasoning ("thinking") text. */
  public String text() {
    return text;
  }

  /** The model that actually answered, as the provider reports it. */
  public String model() {
    return model;
  }

  /** Tokens consumed. */
  public TokenUsage usage() {
    return usage;
  }

  /** Why generation stopped as the provider says it ("stop", "length"...), or null when unknown. */
  public @Nullable String finishReason() {
    return finishReason;
  }

  /**
   * The model's reasoning, kept apart from {@link #text()}, when the model and provider return it
   * (Ollama's {@code think}); null otherwise.
   */
  public @Nullable String thinking() {
    return thinking;
  }

  /**
   * The structured answer as JSON text, when the request asked for a {@link JsonSchema}; null
   * otherwise. Checked to be well-formed JSON by the provider, not validated against the schema.
   */
  public @Nullable String json() {
    return json;
  }

  /**
   * Every provider tried for this answer, in order, when a fallback chain answered; empty when a
   * single provider answered directly.
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Every worker's answer (or failure), in the configured order, when a multi-model consensus
   * answered; empty otherwise. The texts may quote private documents: show them only on request.
   */
  public List<WorkerAnswer> workerAnswers() {
    return workerAnswers;
  }

  /**
   * How a multi-model consensus made this answer (strategy, every worker's outcome, the merger, the
   * wall time), when one answered; null otherwise. Its workers are {@link #workerAnswers()}.
   */
  public @Nullable ConsensusOutcome consensus() {
    return consensus;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatResponse r
        && text.equals(r.text)
        && model.equals(r.model)
        && usage.equals(r.usage)
        && Objects.equals(finishReason, r.finishReason)
        && Objects.equals(thinking, r.thinking)
        && Objects.equals(json, r.json)
        && attempts.equals(r.attempts)
        && workerAnswers.equals(r.workerAnswers)
        && Objects.equals(consensus, r.consensus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        text, model, usage, finishReason, thinking, json, attempts, workerAnswers, consensus);
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "ChatResponse[model="
        + model
        + ", chars="
        + text.length()
        + ", usage="
        + usage
        + ", finishReason="
        + finishReason
        + (thinking == null ? "" : ", thinkingChars=" + thinking.length())
        + (json == null ? "" : ", json=true")
        + (attempts.isEmpty() ? "" : ", attempts=" + attempts)
        + (workerAnswers.isEmpty() ? "" : ", workerAnswers=" + workerAnswers)
        + (consensus == null ? "" : ", consensus=" + consensus.strategy())
        + "]";
  }

  /**
   * Configures a {@link ChatResponse}. Setters reject null and throw {@link IllegalStateException}
   * when a field is set twice (except on a builder from {@link ChatResponse#toBuilder()}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final String text;
    private final String model;
    private final TokenUsage usage;
    private @Nullable String finishReason;
    private @Nullable String thinking;
    private @Nullable String json;
    private List<Attempt> attempts = List.of();
    private List<WorkerAnswer> workerAnswers = List.of();
    private @Nullable ConsensusOutcome consensus;
    private boolean derived;

    private Builder(String text, String model, TokenUsage usage) {
      this.text = Objects.requireNonNull(text, "text");
      this.model = Objects.requireNonNull(model, "model");
      this.usage = Objects.requireNonNull(usage, "usage");
    }

    /** Why generation stopped, as the provider says it. */
    public Builder finishReason(String finishReason) {
      once(this.finishReason, "finishReason");
      this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
      return this;
    }

    /** The model's reasoning, kept apart from the answer. */
    public Builder thinking(String thinking) {
      once(this.thinking, "thinking");
      this.thinking = Objects.requireNonNull(thinking, "thinking");
      return this;
    }

    /** The structured answer as JSON text. */
    public Builder json(String json) {
      once(this.json, "json");
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /** The providers tried, in order. */
    public Builder attempts(List<Attempt> attempts) {
      if (!this.attempts.isEmpty() && !derived) {
        throw new IllegalStateException("attempts were already set");
      }
      this.attempts = List.copyOf(attempts);
      return this;
    }

    /** The answers of a consensus' workers, in the configured order. */
    public Builder workerAnswers(List<WorkerAnswer> workerAnswers) {
      if (!this.workerAnswers.isEmpty() && !derived) {
        throw new IllegalStateException("workerAnswers were already set");
      }
      this.workerAnswers = List.copyOf(workerAnswers);
      return this;
    }

    /**
     * How a consensus made the answer; also sets {@link #workerAnswers(List)} to its workers when
     * they were not set.
     */
    public Builder consensus(ConsensusOutcome consensus) {
      once(this.consensus, "consensus");
      this.consensus = Objects.requireNonNull(consensus, "consensus");
      if (this.workerAnswers.isEmpty()) {
        this.workerAnswers = consensus.workers();
      }
      return this;
    }

    /** The immutable response. */
    public ChatResponse build() {
      return new ChatResponse(this);
    }

    private void once(@Nullable Object current, String name) {
      if (current != null && !derived) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
