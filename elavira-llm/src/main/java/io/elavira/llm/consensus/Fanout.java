package io.elavira.llm.consensus;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.WorkerAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every worker on the executor at once and waits for all of them, at most the worker timeout;
 * a worker still running then is cancelled (its HTTP call closed) and recorded as timed out. The
 * caller's cancellation cancels every worker at once.
 */
final class Fanout {
  private final List<LlmProvider> workers;
  private final Executor executor;
  private final Duration timeout;
  private final Clock clock;

  Fanout(List<LlmProvider> workers, Executor executor, Duration timeout, Clock clock) {
    this.workers = workers;
    this.executor = executor;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The outcome of every worker, in the configured order; {@code cancelled} says if cut short. */
  record Result(List<WorkerAnswer> answers, boolean cancelled) {}

  Result run(ChatRequest request, Cancellation caller) {
    Instant start = clock.instant();
    List<Cancellation> stops = new ArrayList<>();
    List<CompletableFuture<WorkerAnswer>> futures = new ArrayList<>();
    for (LlmProvider worker : workers) {
      Cancellation stop = new Cancellation();
      stops.add(stop);
      CompletableFuture<WorkerAnswer> f;
      try {
        f = CompletableFuture.supplyAsync(() -> call(worker, request, stop), executor);
      } catch (RejectedExecutionException e) {
        f =
            CompletableFuture.completedFuture(
                WorkerAnswer.failed(
                    worker.name(),
                    model(worker, request),
                    Kind.UNAVAILABLE,
                    Duration.ZERO,
                    "the consensus executor is saturated; give it more threads or fewer"
                        + " concurrent requests"));
      }
      futures.add(f);
    }
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    caller.onCancel(() -> cancelled.complete(null));
    CompletableFuture<Object> done =
        CompletableFuture.anyOf(
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), cancelled);
    boolean interrupted = false;
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Timed-out workers are recorded below; no worker future completes exceptionally.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupted = true;
    }
    boolean wasCancelled = interrupted || cancelled.isDone();
    List<WorkerAnswer> answers = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      CompletableFuture<WorkerAnswer> f = futures.get(i);
      if (!wasCancelled && f.isDone()) {
        answers.add(f.join());
        continue;
      }
      stops.get(i).cancel();
      LlmProvider w = workers.get(i);
      answers.add(
          wasCancelled
              ? WorkerAnswer.failed(
                  w.name(),
                  model(w, request),
                  Kind.CANCELLED,
                  since(start),
                  "cancelled by the caller")
              : WorkerAnswer.failed(
                  w.name(),
                  model(w, request),
                  Kind.TIMEOUT,
                  since(start),
                  "no answer within the worker timeout of " + timeout.toMillis() + " ms"));
    }
    return new Result(List.copyOf(answers), wasCancelled);
  }

  /** Never throws: a failure is a recorded outcome. Streams (to nobody) so it can be cancelled. */
  private WorkerAnswer call(LlmProvider worker, ChatRequest request, Cancellation stop) {
    String model = model(worker, request);
    Instant t0 = clock.instant();
    try {
      ChatResponse r = worker.stream(request, token -> {}, stop);
      return WorkerAnswer.answered(worker.name(), model, r.text(), since(t0), r.usage());
    } catch (LlmException e) {
      return WorkerAnswer.failed(worker.name(), model, e.kind(), since(t0), message(e));
    } catch (RuntimeException e) {
      return WorkerAnswer.failed(
          worker.name(),
          model,
          Kind.UNAVAILABLE,
          since(t0),
          "the provider failed unexpectedly (" + e.getClass().getName() + ")");
    }
  }

  private static String message(LlmException e) {
    String m = e.getMessage();
    return m == null ? e.kind().name() : m;
  }

  static String model(LlmProvider worker, ChatRequest request) {
    String asked = request.model();
    return asked != null ? asked : worker.defaultModel();
  }

  private Duration since(Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A bounded pool of daemon threads, owned (and shut down) by its consensus. */
  static ExecutorService ownedPool(int threads, int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, "elavira-consensus-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
