package io.elavira.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an agent caches its model's answers. Set with {@code
 * ElaviraAgent.builder().responseCache(ResponseCachePolicy.builder().ttl(...).build())}; without a
 * policy the agent caches nothing.
 *
 * <p><b>What is cached.</b> A complete generated answer (never an extractive, partial or failed
 * one), keyed by the agent, the provider, the model, the request's parameters (temperature, output
 * limit, seed, stop sequences, schema), the full prompt (system prompt, retrieved passages,
 * history, question) and the position of the agent's document change log: indexing, re-indexing or
 * removing any of the agent's documents, by this process or another one on the same home, makes
 * every earlier entry unreachable. When the prompt holds private context (a passage of a document
 * owned by the user, conversation history or its summary, or a recalled past conversation) the key
 * also holds the user, so the entry is never served to another user.
 *
 * <p><b>Sampled settings.</b> A request whose temperature is above 0 asks for varied answers: it is
 * not cached unless {@link Builder#cacheSampled(boolean)}. A request that sets no temperature gets
 * the provider's own default, which the agent cannot see: it counts as sampled unless {@link
 * Builder#providerDefaultTemperature(double)} says the provider was configured with 0.
 *
 * <p><b>Where entries live.</b> In memory, at most {@link Builder#maxEntries(long)} per agent
 * (least recently used evicted); in the {@code response_cache} table of the home's database, which
 * every process on the home reads, until they expire after {@link Builder#ttl(Duration)} (expired
 * rows are deleted as new ones are written), at most {@link Builder#maxPersistedEntries(long)} per
 * agent (the oldest deleted).
 *
 * <p>Immutable and thread-safe.
 */
public final class ResponseCachePolicy {
  /** Default lifetime of an entry: one day. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(1);

  /** Default number of entries kept in memory per agent. */
  public static final long DEFAULT_MAX_ENTRIES = 10_000;

  /** Default number of entries kept in the database per agent. */
  public static final long DEFAULT_MAX_PERSISTED_ENTRIES = 100_000;

  private final Duration ttl;
  private final long maxEntries;
  private final long maxPersistedEntries;
  private final boolean cacheSampled;
  private final @Nullable Double providerDefaultTemperature;
  private final Clock clock;

  private ResponseCachePolicy(Builder b) {
    this.ttl = b.ttl != null ? b.ttl : DEFAULT_TTL;
    this.maxEntries = b.maxEntries >= 0 ? b.maxEntries : DEFAULT_MAX_ENTRIES;
    this.maxPersistedEntries =
        b.maxPersistedEntries >= 0 ? b.maxPersistedEntries : DEFAULT_MAX_PERSISTED_ENTRIES;
    this.cacheSampled = b.cacheSampled != null && b.cacheSampled;
    this.providerDefaultTemperature = b.providerDefaultTemperature;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
  }

  /** The defaults: one day, {@value #DEFAULT_MAX_ENTRIES} entries, sampled settings skipped. */
  public static ResponseCachePolicy defaults() {
    return builder().build();
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long an entry is served after it was written. */
  public Duration ttl() {
    return ttl;
  }

  /** Entries kept in memory per agent. */
  public long maxEntries() {
    return maxEntries;
  }

  /** Entries kept in the database per agent (newest first). */
  public long maxPersistedEntries() {
    return maxPersistedEntries;
  }

  /** Whether answers to sampled settings are cached too. */
  public boolean cacheSampled() {
    return cacheSampled;
  }

  /** The temperature the provider applies when a request sets none, or null when not known. */
  public @Nullable Double providerDefaultTemperature() {
    return providerDefaultTemperature;
  }

  /** The clock entries are stamped and expired with. */
  public Clock clock() {
    return clock;
  }

  /**
   * Whether a request with this temperature (null: the provider's default) is sampled, and so not
   * cached unless {@link #cacheSampled()}.
   */
  public boolean isSampled(@Nullable Double temperature) {
    Double t = temperature != null ? temperature : providerDefaultTemperature;
    return t == null || t > 0;
  }

  @Override
  public String toString() {
    return "ResponseCachePolicy[ttl="
        + ttl
        + ", maxEntries="
        + maxEntries
        + ", maxPersistedEntries="
        + maxPersistedEntries
        + ", cacheSampled="
        + cacheSampled
        + ", providerDefaultTemperature="
        + providerDefaultTemperature
        + "]";
  }

  /**
   * Collects the options; each may be set once, and is validated at once ({@link
   * IllegalArgumentException} naming the option and the value, {@link IllegalStateException} when
   * set twice). Not thread-safe.
   */
  public static final class Builder {
    private @Nullable Duration ttl;
    private long maxEntries = -1;
    private long maxPersistedEntries = -1;
    private @Nullable Boolean cacheSampled;
    private @Nullable Double providerDefaultTemperature;
    private @Nullable Clock clock;

    private Builder() {}

    /** How long an entry is served, more than zero. Default {@link #DEFAULT_TTL}. */
    public Builder ttl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      once(this.ttl == null, "ttl", this.ttl);
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException(
            "ResponseCachePolicy.builder().ttl(" + ttl + "): ttl must be more than zero");
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * Entries kept in memory per agent, 0 (database only) or more. Default {@value
     * #DEFAULT_MAX_ENTRIES}.
     */
    public Builder maxEntries(long maxEntries) {
      once(this.maxEntries < 0, "maxEntries", this.maxEntries);
      if (maxEntries < 0) {
        throw new IllegalArgumentException(
            "ResponseCachePolicy.builder().maxEntries("
                + maxEntries
                + "): maxEntries must be >= 0");
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Entries kept in the home's database per agent, 1 or more; the oldest beyond it are deleted
     * every {@code min(1000, max(1, maxPersistedEntries / 10))} writes, so the table may briefly
     * hold that many more. Default {@value #DEFAULT_MAX_PERSISTED_ENTRIES}.
     */
    public Builder maxPersistedEntries(long maxPersistedEntries) {
      once(this.maxPersistedEntries < 0, "maxPersistedEntries", this.maxPersistedEntries);
      if (maxPersistedEntries < 1) {
        throw new IllegalArgumentException(
            "ResponseCachePolicy.builder().maxPersistedEntries("
                + maxPersistedEntries
                + "): maxPersistedEntries must be >= 1");
      }
      this.maxPersistedEntries = maxPersistedEntries;
      return this;
    }

    /**
     * Whether to cache answers to sampled settings (temperature above 0, or unset with an unknown
     * provider default) too: a repeated question then gets the same answer instead of a new sample.
     * Default false.
     */
    public Builder cacheSampled(boolean cacheSampled) {
      once(this.cacheSampled == null, "cacheSampled", this.cacheSampled);
      this.cacheSampled = cacheSampled;
      return this;
    }

    /**
     * The temperature the provider was configured with (its builder's {@code temperature}), which
     * applies to requests that set none, in [0, 2]. With 0, such requests count as deterministic
     * and are cached. Default: not known, so they count as sampled.
     */
    public Builder providerDefaultTemperature(double temperature) {
      once(
          this.providerDefaultTemperature == null,
          "providerDefaultTemperature",
          this.providerDefaultTemperature);
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException(
            "ResponseCachePolicy.builder().providerDefaultTemperature("
                + temperature
                + "): the temperature must be in [0, 2]");
      }
      this.providerDefaultTemperature = temperature;
      return this;
    }

    /** The clock entries are stamped and expired with. Default the system's UTC clock. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock == null, "clock", this.clock);
      this.clock = clock;
      return this;
    }

    /** The policy. */
    public ResponseCachePolicy build() {
      return new ResponseCachePolicy(this);
    }

    private static void once(boolean unset, String option, @Nullable Object current) {
      if (!unset) {
        throw new IllegalStateException(
            "ResponseCachePolicy.builder()." + option + " was already set to " + current);
      }
    }
  }
}
