package io.elavira.agent;

import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A provider's health, checked at most once per {@code ttl}: the router consults it on requests and
 * a health check is a network call. Thread-safe (two threads may check at once after expiry; both
 * results are valid). Not API.
 */
final class HealthMemo implements Supplier<Health> {
  private final LlmProvider provider;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private volatile @Nullable Checked last;

  private record Checked(Health health, long atNanos) {}

  HealthMemo(LlmProvider provider, Duration ttl, LongSupplier nanoTime) {
    this.provider = provider;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public Health get() {
    long now = nanoTime.getAsLong();
    Checked seen = last;
    if (seen != null && now - seen.atNanos() < ttlNanos) {
      return seen.health();
    }
    Health health;
    try {
      health = provider.health();
    } catch (RuntimeException e) {
      health =
          Health.down(provider.name() + " health check failed: " + e.getClass().getSimpleName());
    }
    last = new Checked(health, now);
    return health;
  }
}
