package io.elavira.llm.consensus;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.WorkerAnswer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Who takes part in a consensus and how their answers become one: the workers (run together by a
 * {@link Fanout}), the strategy, the merger or scorer it asks, the best-of rule and the vote
 * weights. Answers one request at a time per call, on the caller's thread; immutable but for the
 * live {@link WorkerWeights}, and thread-safe. The lifecycle (closed state, the owned executor) is
 * the {@link ConsensusProvider}'s.
 */
final class ConsensusPanel {
  private final List<LlmProvider> workers;
  private final List<String> workerIds;
  private final ConsensusStrategy strategy;
  private final @Nullable LlmProvider merger;
  private final @Nullable LlmProvider scorer;
  private final @Nullable ToDoubleFunction<String> rule;
  private final WorkerWeights weights;
  private final Fanout fanout;
  private final Clock clock;

  ConsensusPanel(
      List<LlmProvider> workers,
      ConsensusStrategy strategy,
      @Nullable LlmProvider merger,
      @Nullable LlmProvider scorer,
      @Nullable ToDoubleFunction<String> rule,
      WorkerWeights weights,
      Fanout fanout,
      Clock clock) {
    this.workers = List.copyOf(workers);
    this.workerIds = this.workers.stream().map(ConsensusPanel::idOf).toList();
    this.strategy = strategy;
    this.merger = merger;
    this.scorer = scorer;
    this.rule = rule;
    this.weights = weights;
    this.fanout = fanout;
    this.clock = clock;
  }

  /** The id of a worker, merger or scorer: {@code provider/model}. */
  static String idOf(LlmProvider member) {
    return member.name() + "/" + member.defaultModel();
  }

  ConsensusStrategy strategy() {
    return strategy;
  }

  List<String> workerIds() {
    return workerIds;
  }

  WorkerWeights weights() {
    return weights;
  }

  /** The merger's default model when there is a merger, else the first worker's. */
  String defaultModel() {
    LlmProvider m = merger;
    return m != null ? m.defaultModel() : workers.get(0).defaultModel();
  }

  /**
   * Runs the workers, then makes the answer by the strategy; the merger's output goes to {@code
   * listener} when there is one.
   *
   * @throws LlmException as {@link ConsensusProvider#stream}
   */
  ChatResponse answer(
      ChatRequest request, @Nullable TokenListener listener, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      throw new LlmException(
          ConsensusProvider.NAME,
          Kind.CANCELLED,
          "the consensus call was cancelled before it started");
    }
    Instant started = clock.instant();
    Fanout.Result result = fanout.run(request, cancellation);
    Verdict verdict =
        Verdict.of(request, result, listener, cancellation, clock, strategy.configName(), started);
    List<Integer> answered = verdict.answered();
    LlmProvider m = merger;
    return switch (strategy) {
      case MERGER ->
          answered.size() > 1 && m != null
              ? verdict.merge(m, this::majorityIndex)
              : verdict.pick(answered.get(0));
      case MAJORITY, WEIGHTED -> verdict.pick(majorityIndex(result.answers()));
      case BEST_OF -> {
        ToDoubleFunction<String> r = rule;
        yield verdict.bestOf(scorer, r != null ? r : verdict.agreement());
      }
    };
  }

  private int majorityIndex(List<WorkerAnswer> answers) {
    double[] w = new double[answers.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = strategy == ConsensusStrategy.WEIGHTED ? weights.get(workerIds.get(i)) : 1.0;
    }
    return Votes.majority(answers, w);
  }

  /** Up when at least one worker is up (and the merger, when there is one); never throws. */
  Health health() {
    List<String> details = new ArrayList<>();
    boolean anyWorker = false;
    for (LlmProvider w : workers) {
      Health h = w.health();
      anyWorker |= h.available();
      details.add(describe("", w, h));
    }
    boolean mergerUp = true;
    LlmProvider m = merger;
    if (m != null) {
      Health h = m.health();
      mergerUp = h.available();
      details.add(describe("merger ", m, h));
    }
    return new Health(anyWorker && mergerUp, String.join("; ", details));
  }

  private static String describe(String role, LlmProvider member, Health h) {
    return role + idOf(member) + ": " + (h.available() ? "up" : "down") + " (" + h.detail() + ")";
  }

  /** Closes the workers, the merger and the scorer. */
  void closeMembers() {
    workers.forEach(LlmProvider::close);
    if (merger != null) {
      merger.close();
    }
    if (scorer != null) {
      scorer.close();
    }
  }

  @Override
  public String toString() {
    return strategy.configName()
        + ", workers="
        + workerIds
        + (merger == null ? "" : ", merger=" + idOf(merger))
        + (scorer == null ? "" : ", scorer=" + idOf(scorer));
  }
}
