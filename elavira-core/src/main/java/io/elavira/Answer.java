package io.elavira;

import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ElaviraAgent#ask} returns: the text, how it was produced, why, and what it rests on.
 *
 * <p>Immutable and thread-safe. Built by the agent; {@link #builder()} exists for tests and for
 * decorators that rewrite answers. Fields are added over time (never removed): read them through
 * the accessors, and build answers with the builder so that new fields get their defaults.
 */
public final class Answer {
  private final String text;
  private final AnswerMode mode;
  private final @Nullable String reason;
  private final List<Source> sources;
  private final String provider;
  private final String model;
  private final TokenUsage usage;
  private final Duration latency;
  private final String conversationId;
  private final String traceId;
  private final List<Attempt> attempts;
  private final boolean partial;
  private final boolean weakMatch;
  private final @Nullable Route route;
  private final List<String> guardFlags;
  private final boolean cached;
  private final @Nullable ConsensusOutcome consensus;

  private Answer(Builder b) {
    this.text = Objects.requireNonNull(b.text, "text");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.reason = b.reason;
    this.sources = List.copyOf(b.sources);
    this.provider = Objects.requireNonNull(b.provider, "provider");
    this.model = Objects.requireNonNull(b.model, "model");
    this.usage = Objects.requireNonNull(b.usage, "usage");
    this.latency = Objects.requireNonNull(b.latency, "latency");
    this.conversationId = Objects.requireNonNull(b.conversationId, "conversationId");
    this.traceId = Objects.requireNonNull(b.traceId, "traceId");
    this.attempts = List.copyOf(b.attempts);
    this.partial = b.partial;
    this.weakMatch = b.weakMatch;
    this.route = b.route;
    this.guardFlags = List.copyOf(b.guardFlags);
    this.cached = b.cached;
    this.consensus = b.consensus;
    if (partial && reason == null) {
      throw new IllegalArgumentException("a partial answer needs a reason");
    }
    if (mode == AnswerMode.EXTRACTIVE && reason == null) {
      throw new IllegalArgumentException("an extractive answer needs a reason");
    }
  }

  /** A builder with no field set; {@link Builder#build()} says which required one is missing. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this answer's fields, to derive a variant. */
  public Builder toBuilder() {
    return new Builder()
        .text(text)
        .mode(mode)
        .reason(reason)
        .sources(sources)
        .provider(provider)
        .model(model)
        .usage(usage)
        .latency(latency)
        .conversationId(conversationId)
        .traceId(traceId)
        .attempts(attempts)
        .partial(partial)
        .weakMatch(weakMatch)
        .route(route)
        .guardFlags(guardFlags)
        .cached(cached)
        .consensus(consensus);
  }

  /** The answer. */
  public String text() {
    return text;
  }

  /**
   * {@link AnswerMode#GENERATED} by a model, or {@link AnswerMode#EXTRACTIVE} from retrieved
   * passages.
   */
  public AnswerMode mode() {
    return mode;
  }

  /**
   * Why the answer is extractive or partial, in a sentence safe to show and log (no key, no
   * prompt): no model is configured, a provider failed (naming it, the failure's kind and its
   * message), or the call was cancelled. Null for complete generated answers.
   */
  public @Nullable String reason() {
    return reason;
  }

  /** The passages given to the model (or quoted), best first; empty when nothing was retrieved. */
  public List<Source> sources() {
    return sources;
  }

  /** The name of the provider that answered, or {@code "extractive"}. */
  public String provider() {
    return provider;
  }

  /** The model that answered, or {@code "none"} in extractive mode. */
  public String model() {
    return model;
  }

  /** Tokens consumed. */
  public TokenUsage usage() {
    return usage;
  }

  /** Wall time of the whole request. */
  public Duration latency() {
    return latency;
  }

  /** The conversation the exchange was stored in. */
  public String conversationId() {
    return conversationId;
  }

  /** The id of this request in messages, logs and events. */
  public String traceId() {
    return traceId;
  }

  /**
   * Every provider tried for this answer, in order, with its outcome, failure kind and time (a
   * fallback chain lists each member it considered; a single provider lists itself once); empty
   * when no model was configured or the answer came from the response cache.
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Whether the text stops where the provider failed in the middle of a streamed answer: the caller
   * saw these tokens, {@link #provider()} names the provider that failed and {@link #reason()} says
   * how. A partial answer is never completed with another model's text, and it is not stored as
   * conversation memory.
   */
  public boolean partial() {
    return partial;
  }

  /**
   * Whether no passage of the agent's documents matches the question well: the best passage's
   * similarity is below the retriever's threshold (chosen on the evaluation set, see {@link
   * io.elavira.retrieval.HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}), or nothing was found.
   * The sources are then the closest passages, not evidence; an extractive answer says so instead
   * of presenting them as relevant.
   */
  public boolean weakMatch() {
    return weakMatch;
  }

  /**
   * How the request was routed and why (the agent, retrieval or not, local or remote chain), when
   * the agent has a router ({@link io.elavira.agent.AgentRegistry} gives every agent one); null
   * otherwise.
   */
  public @Nullable Route route() {
    return route;
  }

  /**
   * What the guards flagged while answering, each as {@code target:rules} and never quoting text:
   * {@code "question:override.en"} for a question that looked like a prompt injection under {@code
   * questionInjection=FLAG}; {@code "passage:<documentId>#<chunk>:hidden.fr"} for a retrieved
   * passage that holds instructions (kept, quotable, inside its data block, marked suspicious);
   * {@code "passage-withheld:..."} for one left out under {@code passageInjection=BLOCK}. Empty
   * when nothing was flagged. See {@link io.elavira.guard.GuardPolicy}.
   */
  public List<String> guardFlags() {
    return guardFlags;
  }

  /**
   * Whether the text came from the agent's response cache instead of a model call: {@link
   * #provider()} and {@link #model()} then name the provider and model that wrote it originally,
   * {@link #attempts()} is empty (no provider was tried) and {@link #usage()} is zero.
   */
  public boolean cached() {
    return cached;
  }

  /**
   * How a multi-model consensus made the answer, when one did: the strategy, every worker's answer
   * (or failure) with its time, the merger's attempt and the consensus' wall time; null otherwise
   * (also for a cached answer). The workers' texts may quote private documents: show them only on
   * request.
   */
  public @Nullable ConsensusOutcome consensus() {
    return consensus;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Answer a
        && text.equals(a.text)
        && mode == a.mode
        && Objects.equals(reason, a.reason)
        && sources.equals(a.sources)
        && provider.equals(a.provider)
        && model.equals(a.model)
        && usage.equals(a.usage)
        && latency.equals(a.latency)
        && conversationId.equals(a.conversationId)
        && traceId.equals(a.traceId)
        && attempts.equals(a.attempts)
        && partial == a.partial
        && weakMatch == a.weakMatch
        && Objects.equals(route, a.route)
        && guardFlags.equals(a.guardFlags)
        && cached == a.cached
        && Objects.equals(consensus, a.consensus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, text, mode);
  }

  /** Does not print the text, the reason or the passages: they may quote private documents. */
  @Override
  public String toString() {
    return "Answer[mode="
        + mode
        + (partial ? ", partial" : "")
        + (weakMatch ? ", weakMatch" : "")
        + (guardFlags.isEmpty() ? "" : ", guardFlags=" + guardFlags.size())
        + (cached ? ", cached" : "")
        + ", provider="
        + provider
        + ", model="
        + model
        + ", chars="
        + text.length()
        + ", sources="
        + sources.size()
        + ", latency="
        + latency
        + ", trace="
        + traceId
        + "]";
  }

  /** Collects an answer's fields. Not thread-safe. */
  public static final class Builder {
    private @Nullable String text;
    private @Nullable AnswerMode mode;
    private @Nullable String reason;
    private List<Source> sources = List.of();
    private @Nullable String provider;
    private @Nullable String model;
    private TokenUsage usage = TokenUsage.NONE;
    private Duration latency = Duration.ZERO;
    private @Nullable String conversationId;
    private @Nullable String traceId;
    private List<Attempt> attempts = List.of();
    private boolean partial;
    private boolean weakMatch;
    private @Nullable Route route;
    private List<String> guardFlags = List.of();
    private boolean cached;
    private @Nullable ConsensusOutcome consensus;

    private Builder() {}

    /** The answer's text. Required. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /** How it was produced. Required. */
    public Builder mode(AnswerMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Why it is extractive; required for extractive answers, null for generated ones. */
    public Builder reason(@Nullable String reason) {
      this.reason = reason;
      return this;
    }

    /** The passages it rests on, best first. Default none. */
    public Builder sources(List<Source> sources) {
      this.sources = List.copyOf(sources);
      return this;
    }

    /** Who answered. Required. */
    public Builder provider(String provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** The model that answered. Required. */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** Tokens consumed. Default {@link TokenUsage#NONE}. */
    public Builder usage(TokenUsage usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    /** Wall time of the request. Default zero. */
    public Builder latency(Duration latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** The conversation. Required. */
    public Builder conversationId(String conversationId) {
      this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
      return this;
    }

    /** The request's trace id. Required. */
    public Builder traceId(String traceId) {
      this.traceId = Objects.requireNonNull(traceId, "traceId");
      return this;
    }

    /** The providers tried, in order. Default none. */
    public Builder attempts(List<Attempt> attempts) {
      this.attempts = List.copyOf(attempts);
      return this;
    }

    /** Whether the text stops where the provider failed mid-stream. Default false. */
    public Builder partial(boolean partial) {
      this.partial = partial;
      return this;
    }

    /**
     * Whether no passage matches the question well; see {@link Answer#weakMatch()}. Default false.
     */
    public Builder weakMatch(boolean weakMatch) {
      this.weakMatch = weakMatch;
      return this;
    }

    /** How the request was routed, or null when the agent has no router. Default null. */
    public Builder route(@Nullable Route route) {
      this.route = route;
      return this;
    }

    /** What the guards flagged; see {@link Answer#guardFlags()}. Default none. */
    public Builder guardFlags(List<String> guardFlags) {
      this.guardFlags = List.copyOf(guardFlags);
      return this;
    }

    /**
     * Whether the text came from the response cache; see {@link Answer#cached()}. Default false.
     */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /** How a consensus made the answer; see {@link Answer#consensus()}. Default null. */
    public Builder consensus(@Nullable ConsensusOutcome consensus) {
      this.consensus = consensus;
      return this;
    }

    /**
     * The answer.
     *
     * @throws NullPointerException naming the first required field not set
     * @throws IllegalArgumentException when an extractive or partial answer has no reason
     */
    public Answer build() {
      return new Answer(this);
    }
  }
}
