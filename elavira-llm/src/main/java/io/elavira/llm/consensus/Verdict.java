package io.elavira.llm.consensus;

import io.elavira.llm.Attempt;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.WorkerAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Makes the one answer of a request from its workers' answers (merge, pick, best-of) and the
 * response that carries the trace. One per request; not thread-safe.
 */
final class Verdict {
  private final ChatRequest request;
  private final List<WorkerAnswer> answers;
  private final List<String> texts;
  private final List<Integer> answered;
  private final List<Attempt> attempts;
  private TokenUsage usage;
  private final @Nullable TokenListener listener;
  private final Cancellation cancellation;
  private final Clock clock;
  private final String strategy;
  private final Instant started;
  private @Nullable Attempt judge;

  private Verdict(
      ChatRequest request,
      List<WorkerAnswer> answers,
      List<Integer> answered,
      List<Attempt> attempts,
      @Nullable TokenListener listener,
      Cancellation cancellation,
      Clock clock,
      String strategy,
      Instant started) {
    this.request = request;
    this.answers = answers;
    this.answered = answered;
    this.texts = answered.stream().map(i -> text(answers.get(i))).toList();
    this.attempts = attempts;
    this.usage =
        answers.stream().map(WorkerAnswer::usage).reduce(TokenUsage.NONE, TokenUsage::plus);
    this.listener = listener;
    this.cancellation = cancellation;
    this.clock = clock;
    this.strategy = strategy;
    this.started = started;
  }

  /**
   * The verdict over a fan-out's result.
   *
   * @throws LlmException with every worker's attempt when the fan-out was cancelled or no worker
   *     answered
   */
  static Verdict of(
      ChatRequest request,
      Fanout.Result result,
      @Nullable TokenListener listener,
      Cancellation cancellation,
      Clock clock,
      String strategy,
      Instant started) {
    List<WorkerAnswer> answers = result.answers();
    List<Attempt> attempts = new ArrayList<>();
    answers.forEach(a -> attempts.add(a.toAttempt()));
    if (result.cancelled()) {
      throw new LlmException(
          ConsensusProvider.NAME,
          Kind.CANCELLED,
          "the consensus call was cancelled while its workers were answering; every worker's call"
              + " was cancelled",
          null,
          null,
          attempts,
          new ConsensusOutcome(strategy, answers, null, elapsed(clock, started)));
    }
    List<Integer> answered = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).answered()) {
        answered.add(i);
      }
    }
    if (answered.isEmpty()) {
      throw noneAnswered(
          answers,
          attempts,
          new ConsensusOutcome(strategy, answers, null, elapsed(clock, started)));
    }
    return new Verdict(
        request, answers, answered, attempts, listener, cancellation, clock, strategy, started);
  }

  /** The indexes of the workers that answered, in the configured order. */
  List<Integer> answered() {
    return answered;
  }

  private static String text(WorkerAnswer a) {
    String t = a.text();
    if (t == null) {
      throw new IllegalArgumentException("worker " + a.provider() + " did not answer");
    }
    return t;
  }

  /** The worker at {@code index} (in the configured order) gives the answer, as one piece. */
  ChatResponse pick(int index) {
    WorkerAnswer chosen = answers.get(index);
    String text = text(chosen);
    TokenListener l = listener;
    if (l != null) {
      if (cancellation.isCancelled()) {
        throw new LlmException(
            ConsensusProvider.NAME,
            Kind.CANCELLED,
            "the consensus call was cancelled before its answer was delivered",
            null,
            null,
            attempts,
            outcome());
      }
      if (!text.isEmpty()) {
        l.onToken(text);
      }
    }
    return respond(text, chosen.model(), null);
  }

  /**
   * The merger synthesises; its tokens stream to the listener. A merger failing before its first
   * token is replaced by {@code fallback}'s pick.
   */
  ChatResponse merge(LlmProvider merger, ToIntFunction<List<WorkerAnswer>> fallback) {
    ChatRequest mergeRequest = ConsensusPrompts.merge(request, texts);
    String model = Fanout.model(merger, mergeRequest);
    AtomicBoolean delivered = new AtomicBoolean();
    Instant start = clock.instant();
    try {
      TokenListener l = listener;
      ChatResponse r =
          l == null
              ? merger.chat(mergeRequest, cancellation)
              : merger.stream(
                  mergeRequest,
                  token -> {
                    delivered.set(true);
                    l.onToken(token);
                  },
                  cancellation);
      judged(Attempt.answered(merger.name(), model, since(start)));
      usage = usage.plus(r.usage());
      return respond(r.text(), r.model(), r);
    } catch (LlmException e) {
      judged(Attempt.failed(merger.name(), model, e.kind(), since(start)));
      if (e.kind() == Kind.CANCELLED) {
        throw new LlmException(
            ConsensusProvider.NAME,
            Kind.CANCELLED,
            "the consensus call was cancelled while the merger " + merger.name() + " was answering",
            null,
            e,
            attempts,
            outcome());
      }
      if (delivered.get()) {
        throw new LlmException(
            merger.name(),
            Kind.STREAM_INTERRUPTED,
            "the consensus merger "
                + merger.name()
                + " failed after its answer had started; the partial answer is not completed by"
                + " another model ("
                + e.getMessage()
                + ")",
            null,
            e,
            attempts,
            outcome());
      }
      return pick(fallback.applyAsInt(answers));
    }
  }

  /** The scorer's choice, or the rule's when there is no scorer or its reply names no answer. */
  ChatResponse bestOf(@Nullable LlmProvider scorer, ToDoubleFunction<String> rule) {
    if (texts.size() == 1) {
      return pick(answered.get(0));
    }
    if (scorer != null) {
      ChatRequest scoreRequest = ConsensusPrompts.score(request, texts);
      String model = Fanout.model(scorer, scoreRequest);
      Instant start = clock.instant();
      try {
        ChatResponse r = scorer.chat(scoreRequest, cancellation);
        judged(Attempt.answered(scorer.name(), model, since(start)));
        usage = usage.plus(r.usage());
        int choice = ConsensusPrompts.parseChoice(r.text(), texts.size());
        if (choice >= 0) {
          return pick(answered.get(choice));
        }
      } catch (LlmException e) {
        judged(Attempt.failed(scorer.name(), model, e.kind(), since(start)));
      }
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < texts.size(); i++) {
      double score = rule.applyAsDouble(texts.get(i));
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return pick(answered.get(best));
  }

  /** The agreement rule bound to this request's answers. */
  ToDoubleFunction<String> agreement() {
    return candidate -> Votes.agreement(candidate, texts);
  }

  private ChatResponse respond(String text, String model, @Nullable ChatResponse from) {
    ChatResponse.Builder b = ChatResponse.builder(text, model, usage);
    if (from != null) {
      String finish = from.finishReason();
      String thinking = from.thinking();
      String json = from.json();
      if (finish != null) {
        b.finishReason(finish);
      }
      if (thinking != null) {
        b.thinking(thinking);
      }
      if (json != null) {
        b.json(json);
      }
    }
    return b.attempts(attempts).workerAnswers(answers).consensus(outcome()).build();
  }

  /** How the consensus went so far: every worker, the merger's attempt, the time since start. */
  private ConsensusOutcome outcome() {
    return new ConsensusOutcome(strategy, answers, judge, since(started));
  }

  private static Duration elapsed(Clock clock, Instant started) {
    Duration d = Duration.between(started, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Records the merger's or scorer's attempt. */
  private void judged(Attempt attempt) {
    attempts.add(attempt);
    judge = attempt;
  }

  private Duration since(Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The failure when no worker answered: the shared kind when all failed alike. */
  static LlmException noneAnswered(
      List<WorkerAnswer> answers, List<Attempt> attempts, ConsensusOutcome outcome) {
    List<Kind> kinds =
        answers.stream().map(WorkerAnswer::kind).filter(Objects::nonNull).distinct().toList();
    Kind kind = kinds.size() == 1 ? kinds.get(0) : Kind.UNAVAILABLE;
    String detail =
        answers.stream()
            .map(a -> a.provider() + "/" + a.model() + " (" + a.kind() + ": " + a.error() + ")")
            .collect(Collectors.joining("; "));
    return new LlmException(
        ConsensusProvider.NAME,
        kind,
        "no worker of the consensus answered: " + detail + "; check that at least one is reachable",
        null,
        null,
        attempts,
        outcome);
  }
}
