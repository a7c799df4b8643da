package io.elavira.llm.consensus;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Several providers or models (the workers) answer each request in parallel, and one answer is made
 * from theirs by a {@link ConsensusStrategy}, as one {@link LlmProvider}.
 *
 * <pre>{@code
 * try (ConsensusProvider llm = ConsensusProvider.builder()
 *     .worker(ollama).worker(mistral).worker(openai)
 *     .merger(claude)                    // strategy MERGER is the default
 *     .workerTimeout(Duration.ofSeconds(30))
 *     .build()) {
 *   ChatResponse r = llm.chat(request);  // r.workerAnswers(): each model's answer, for the trace
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Workers run at once on an executor (the host's, {@link Builder#executor}, or a bounded one
 *       this provider owns and shuts down in {@link #close()}); the wall time is about the slowest
 *       worker plus the merger, not their sum. A worker still running after {@link
 *       Builder#workerTimeout} is cancelled and recorded as {@link Kind#TIMEOUT}.
 *   <li>Failing workers are tolerated: the answer is made from those that answered. Only when none
 *       answered does the call fail, with every worker in {@link LlmException#attempts()}.
 *   <li>{@link #stream}: the workers' answers never reach the listener; the merger's output is
 *       streamed token by token, and a voted or picked answer is delivered as one piece. Cancelling
 *       cancels every worker's call (or the merger's stream).
 *   <li>{@link ChatResponse#workerAnswers()} holds every worker's outcome (provider, model, text,
 *       latency, failure); {@link ChatResponse#attempts()} lists the workers, then the merger or
 *       scorer when one was asked; {@link ChatResponse#consensus()} adds the strategy, the merger's
 *       attempt and the wall time, which an agent hands to its listeners. The usage is the sum over
 *       every call.
 *   <li>With a single answering worker, {@link ConsensusStrategy#MERGER} returns its answer without
 *       asking the merger. A merger that fails before its first token is replaced by the {@link
 *       ConsensusStrategy#MAJORITY} answer (its failure recorded); one that fails after is reported
 *       as {@link Kind#STREAM_INTERRUPTED}, never completed by another model.
 * </ul>
 *
 * <p>A request's {@link ChatRequest#model()} goes to every worker; leave it unset so each uses its
 * own. Thread-safe. {@link #close()} stops the owned executor and, when it owns them ({@link
 * Builder#closeProviders}), closes the workers and the merger.
 */
public final class ConsensusProvider implements LlmProvider {
  /** The name of the consensus itself; who answered is in the worker answers and attempts. */
  public static final String NAME = "consensus";

  /** How long a worker may take before it is cancelled and left out. */
  public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofSeconds(60);

  /** Threads of the owned executor per worker: concurrent requests it serves without queueing. */
  public static final int DEFAULT_THREADS_PER_WORKER = 4;

  /** Worker calls the owned executor queues beyond its threads before refusing (recorded). */
  public static final int DEFAULT_QUEUE_CAPACITY = 256;

  private final ConsensusPanel panel;
  private final @Nullable ExecutorService ownedExecutor;
  private final boolean closeProviders;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ConsensusProvider(ConsensusPanel panel, @Nullable ExecutorService owned, boolean close) {
    this.panel = panel;
    this.ownedExecutor = owned;
    this.closeProviders = close;
  }

  /** A builder; add at least one worker. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** The merger's default model under {@link ConsensusStrategy#MERGER}, else the first worker's. */
  @Override
  public String defaultModel() {
    return panel.defaultModel();
  }

  /** The strategy in use. */
  public ConsensusStrategy strategy() {
    return panel.strategy();
  }

  /** The workers' ids ({@code provider/model}), in order: the keys of {@link #weights()}. */
  public List<String> workerIds() {
    return panel.workerIds();
  }

  /** The live vote weights ({@link ConsensusStrategy#WEIGHTED}); adjustable at any time. */
  public WorkerWeights weights() {
    return panel.weights();
  }

  /**
   * {@inheritDoc}
   *
   * @throws LlmException with every worker in its attempts when no worker answered ({@link
   *     Kind#TIMEOUT} when all timed out, the shared kind when all failed alike, else {@link
   *     Kind#UNAVAILABLE}); {@link Kind#CANCELLED} when the calling thread was interrupted
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, new Cancellation());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Cancelling cancels every worker's call (or the merger's).
   *
   * @throws LlmException as {@link #chat(ChatRequest)}; {@link Kind#CANCELLED} once cancelled
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(cancellation, "cancellation");
    return run(request, null, cancellation);
  }

  /**
   * {@inheritDoc}
   *
   * @throws LlmException as {@link #chat}; {@link Kind#CANCELLED} when cancelled (every worker's
   *     call is cancelled); {@link Kind#STREAM_INTERRUPTED} naming the merger when it failed after
   *     its first token
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    return run(request, listener, cancellation);
  }

  private ChatResponse run(
      ChatRequest request, @Nullable TokenListener listener, Cancellation cancellation) {
    if (closed.get()) {
      throw new IllegalStateException("the consensus provider is closed");
    }
    return panel.answer(request, listener, cancellation);
  }

  /** Up when at least one worker is up (and the merger, when there is one); never throws. */
  @Override
  public Health health() {
    return panel.health();
  }

  /** Stops the owned executor (cancelling nothing the host owns) and closes owned providers. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ExecutorService owned = ownedExecutor;
    if (owned != null) {
      owned.shutdownNow();
    }
    if (closeProviders) {
      panel.closeMembers();
    }
  }

  @Override
  public String toString() {
    return "ConsensusProvider[" + panel + "]";
  }

  /**
   * Configures a {@link ConsensusProvider}. Setters validate at once ({@link
   * IllegalArgumentException}) and reject an option set twice ({@link IllegalStateException}); not
   * thread-safe.
   */
  public static final class Builder {
    private final List<LlmProvider> workers = new ArrayList<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private @Nullable ConsensusStrategy strategy;
    private @Nullable LlmProvider merger;
    private @Nullable LlmProvider scorer;
    private @Nullable ToDoubleFunction<String> rule;
    private @Nullable Duration workerTimeout;
    private @Nullable Executor executor;
    private @Nullable Clock clock;
    private @Nullable Boolean closeProviders;

    private Builder() {}

    /** Adds a worker with weight {@value WorkerWeights#DEFAULT_WEIGHT}. */
    public Builder worker(LlmProvider worker) {
      return worker(worker, WorkerWeights.DEFAULT_WEIGHT);
    }

    /**
     * Adds a worker whose vote counts {@code weight} under {@link ConsensusStrategy#WEIGHTED}.
     *
     * @throws IllegalArgumentException when a worker with the same id ({@code provider/model}) was
     *     added, or the weight is negative or not finite
     */
    public Builder worker(LlmProvider worker, double weight) {
      Objects.requireNonNull(worker, "worker");
      String id = ConsensusPanel.idOf(worker);
      if (weights.containsKey(id)) {
        throw new IllegalArgumentException(
            "worker " + id + " was already added; each provider/model pair answers once");
      }
      if (!Double.isFinite(weight) || weight < 0) {
        throw new IllegalArgumentException(
            "the weight of worker " + id + " must be finite and >= 0, got " + weight);
      }
      workers.add(worker);
      weights.put(id, weight);
      return this;
    }

    /** How the answer is made; default {@link ConsensusStrategy#MERGER}. */
    public Builder strategy(ConsensusStrategy strategy) {
      requireUnset(this.strategy, "strategy");
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** The model that synthesises the answer; required by (and only for) the merger strategy. */
    public Builder merger(LlmProvider merger) {
      requireUnset(this.merger, "merger");
      this.merger = Objects.requireNonNull(merger, "merger");
      return this;
    }

    /** The model that picks the best answer under {@link ConsensusStrategy#BEST_OF}. */
    public Builder scorer(LlmProvider scorer) {
      requireUnset(this.scorer, "scorer");
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      return this;
    }

    /**
     * The rule that scores each answer under {@link ConsensusStrategy#BEST_OF} (highest wins, ties
     * to the earlier worker) when there is no scorer or its reply names no answer. Default: the
     * answer that agrees most with the others (word overlap after normalisation). Called on the
     * request's thread; must be thread-safe.
     */
    public Builder bestOfRule(ToDoubleFunction<String> rule) {
      requireUnset(this.rule, "bestOfRule");
      this.rule = Objects.requireNonNull(rule, "bestOfRule");
      return this;
    }

    /**
     * How long a worker may take, counted from the moment the workers are started together (a
     * worker queued by a busy host executor has the rest); positive; default {@link
     * #DEFAULT_WORKER_TIMEOUT}.
     */
    public Builder workerTimeout(Duration timeout) {
      requireUnset(this.workerTimeout, "workerTimeout");
      Objects.requireNonNull(timeout, "workerTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("workerTimeout must be positive, got " + timeout);
      }
      this.workerTimeout = timeout;
      return this;
    }

    /**
     * The host's executor for the workers' calls (not shut down by {@link #close()}); it needs a
     * free thread per worker for the calls to overlap. Without it, a pool of {@link
     * #DEFAULT_THREADS_PER_WORKER} threads per worker and a queue of {@link
     * #DEFAULT_QUEUE_CAPACITY} calls is owned and shut down by {@link ConsensusProvider#close()}.
     */
    public Builder executor(Executor executor) {
      requireUnset(this.executor, "executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of the recorded latencies (tests may fix it). */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether {@link ConsensusProvider#close()} closes workers, merger and scorer; default no. */
    public Builder closeProviders(boolean close) {
      requireUnset(this.closeProviders, "closeProviders");
      this.closeProviders = close;
      return this;
    }

    /**
     * The consensus.
     *
     * @throws IllegalStateException when no worker was added, the merger strategy has no merger, or
     *     a merger or scorer is given to a strategy that does not use it
     */
    public ConsensusProvider build() {
      if (workers.isEmpty()) {
        throw new IllegalStateException("add at least one worker to the consensus");
      }
      ConsensusStrategy s = strategy == null ? ConsensusStrategy.MERGER : strategy;
      if (s == ConsensusStrategy.MERGER && merger == null) {
        throw new IllegalStateException("the merger strategy needs a merger model (merger(...))");
      }
      if (s != ConsensusStrategy.MERGER && merger != null) {
        throw new IllegalStateException(
            "a merger is only used by the merger strategy, not " + s.configName());
      }
      if (s != ConsensusStrategy.BEST_OF && (scorer != null || rule != null)) {
        throw new IllegalStateException(
            "a scorer or best-of rule is only used by the best_of strategy, not " + s.configName());
      }
      Clock c = clock == null ? Clock.systemUTC() : clock;
      Duration timeout = workerTimeout == null ? DEFAULT_WORKER_TIMEOUT : workerTimeout;
      Executor host = executor;
      ExecutorService owned = null;
      if (host == null) {
        int threads = workers.size() * DEFAULT_THREADS_PER_WORKER;
        owned = Fanout.ownedPool(threads, DEFAULT_QUEUE_CAPACITY);
        host = owned;
      }
      Fanout fanout = new Fanout(List.copyOf(workers), host, timeout, c);
      ConsensusPanel panel =
          new ConsensusPanel(
              workers, s, merger, scorer, rule, new WorkerWeights(weights), fanout, c);
      return new ConsensusProvider(panel, owned, Boolean.TRUE.equals(closeProviders));
    }

    private static void requireUnset(@Nullable Object current, String option) {
      if (current != null) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
    }
  }
}
