package io.elavira.examples.server;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;

/**
 * Requests per minute per caller, with resilience4j's rate limiter: one limiter per key (the user
 * id of an authenticated request, the client address of a public one), {@code limit} permits per
 * minute, no waiting: a request over the limit is refused with 429 and {@code Retry-After}.
 *
 * <p>Per process: servers sharing a home each allow the limit. Thread-safe.
 */
final class RateLimits {
  private static final Duration PERIOD = Duration.ofMinutes(1);

  private final RateLimiterRegistry registry;

  RateLimits(int perMinute) {
    this.registry =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(PERIOD)
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /**
   * Takes one permit for {@code key}.
   *
   * @throws ApiException 429 with the time until the next permit when none is left
   */
  void acquire(String key) {
    RateLimiter limiter = registry.rateLimiter(key);
    if (!limiter.acquirePermission()) {
      long nanos =
          limiter instanceof AtomicRateLimiter atomic
              ? atomic.getDetailedMetrics().getNanosToWait()
              : PERIOD.toNanos();
      long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
      throw new ApiException(
          429,
          ApiException.RATE_LIMITED,
          "Too many requests: the limit is "
              + limiter.getRateLimiterConfig().getLimitForPeriod()
              + " per minute; retry in "
              + seconds
              + " s.",
          Duration.ofSeconds(seconds));
    }
  }
}
