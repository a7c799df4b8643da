package io.elavira.llm.http.internal;

import io.elavira.llm.Cancellation;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/**
 * Opens the answers of one provider configuration: one OkHttp call per attempt, closed when the
 * caller's {@link Cancellation} fires, and the failures before the answer's first byte as {@link
 * LlmException}s. Every call the transport makes, blocking or streamed, is opened here.
 * Thread-safe. Not API.
 *
 * <p>Retries (resilience4j) happen only before the first byte of an answer, only for retriable
 * kinds other than {@code TIMEOUT} (its time is already spent) and {@code STREAM_INTERRUPTED}, with
 * exponential backoff and jitter, or after the server's {@code retry-after} when it is at most
 * {@code maxRetryAfter}. Nothing is retried once the cancellation fired.
 */
final class CallOpener {
  private final HttpSettings settings;
  private final HttpErrors errors;
  private final Retry retry;

  CallOpener(HttpSettings settings, HttpErrors errors) {
    this.settings = settings;
    this.errors = errors;
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.retryBackoff, 2.0, 0.5, HttpSettings.MAX_RETRY_BACKOFF);
    RetryConfig config =
        RetryConfig.<Object>custom()
            .maxAttempts(settings.maxRetries + 1)
            .retryOnException(this::worthRetrying)
            .intervalBiFunction(
                (attempt, outcome) -> {
                  if (outcome.isLeft()
                      && outcome.getLeft() instanceof LlmException e
                      && e.retryAfter().isPresent()) {
                    return e.retryAfter().get().toMillis();
                  }
                  return backoff.apply(attempt);
                })
            .failAfterMaxAttempts(false)
            .build();
    this.retry = Retry.of(settings.provider, config);
  }

  private boolean worthRetrying(Throwable t) {
    if (!(t instanceof LlmException e) || !e.isRetriable()) {
      return false;
    }
    if (e.kind() == Kind.TIMEOUT || e.kind() == Kind.STREAM_INTERRUPTED) {
      return false;
    }
    return e.retryAfter().map(d -> d.compareTo(settings.maxRetryAfter) <= 0).orElse(true);
  }

  /**
   * Opens the answer to {@code request}, retrying retriable failures.
   *
   * @param client the client to call with (its timeouts apply)
   * @param wholeCallTimeout whether the request timeout bounds the whole call, reading included (a
   *     blocking call), rather than each read (a stream)
   * @return a successful response whose body fails with {@link ResponseTooLargeException} past
   *     {@code maxResponseBytes}; the caller closes it
   * @throws LlmException on any failure, {@code CANCELLED} once {@code cancellation} fires or when
   *     the calling thread is interrupted
   */
  Response open(
      Request request,
      String model,
      Cancellation cancellation,
      OkHttpClient client,
      boolean wholeCallTimeout) {
    Supplier<Response> attempt =
        () -> {
          if (cancellation.isCancelled()) {
            throw errors.cancelled(model, null);
          }
          Call call = client.newCall(request);
          if (wholeCallTimeout) {
            call.timeout().timeout(settings.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          cancellation.onCancel(call::cancel);
          Response response;
          try {
            response = call.execute();
          } catch (IOException e) {
            if (cancellation.isCancelled()) {
              throw errors.cancelled(model, e);
            }
            throw errors.fromIo(e, model, false);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            // OkHttp (Kotlin) may throw an undeclared InterruptedException while it connects.
            if (e instanceof InterruptedException) {
              Thread.currentThread().interrupt();
              throw errors.failure(
                  Kind.CANCELLED, model, "the calling thread was interrupted", null, e);
            }
            throw errors.failure(
                Kind.UNAVAILABLE,
                model,
                HttpErrors.describe(e) + " on " + settings.where(),
                null,
                e);
          }
          if (!response.isSuccessful()) {
            try (response) {
              throw errors.fromResponse(response, model);
            }
          }
          return bounded(response);
        };
    return Retry.decorateSupplier(retry, attempt).get();
  }

  /** The response with a body that fails past {@code maxResponseBytes}. */
  private Response bounded(Response response) {
    ResponseBody body = response.body();
    BufferedSource limited =
        Okio.buffer(new BoundedSource(body.source(), settings.maxResponseBytes));
    return response.newBuilder().body(ResponseBody.create(limited, body.contentType(), -1)).build();
  }
}
