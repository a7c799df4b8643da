package io.elavira.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One answer of the response cache, as stored in the {@code response_cache} table.
 *
 * @param key the cache key (a hash: the prompt cannot be read back from it)
 * @param agentId the agent whose chain wrote it
 * @param provider the provider that answered
 * @param model the model that answered
 * @param text the answer
 * @param inputTokens prompt tokens of the original call
 * @param outputTokens tokens the original call generated
 * @param createdAtMillis when it was written, epoch milliseconds
 * @param expiresAtMillis when it stops being served, epoch milliseconds; null for never
 */
public record CachedResponse(
    String key,
    String agentId,
    String provider,
    String model,
    String text,
    int inputTokens,
    int outputTokens,
    long createdAtMillis,
    @Nullable Long expiresAtMillis) {

  /**
   * Validates. (Written out: on JDK 17 the nullness of a record component does not reach an
   * implicit constructor parameter.)
   */
  public CachedResponse(
      String key,
      String agentId,
      String provider,
      String model,
      String text,
      int inputTokens,
      int outputTokens,
      long createdAtMillis,
      @Nullable Long expiresAtMillis) {
    this.key = Objects.requireNonNull(key, "key");
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.text = Objects.requireNonNull(text, "text");
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.createdAtMillis = createdAtMillis;
    this.expiresAtMillis = expiresAtMillis;
  }

  /** Whether it is still served at {@code nowMillis}. */
  public boolean liveAt(long nowMillis) {
    return expiresAtMillis == null || nowMillis < expiresAtMillis;
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "CachedResponse[agent="
        + agentId
        + ", provider="
        + provider
        + ", model="
        + model
        + ", chars="
        + text.length()
        + "]";
  }
}
