package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.elavira.Answer;
import io.elavira.Source;
import io.elavira.agent.Route;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.WorkerAnswer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of {@code elavira ask --json}: one object per answer. The reference server ({@code
 * io.elavira.examples.server}) answers with the same object.
 *
 * @param answer the answer text
 * @param mode GENERATED or EXTRACTIVE
 * @param reason why the answer is extractive (no model configured, a provider failed, cancelled);
 *     null for a generated answer
 * @param provider provider that answered ("extractive" without a model); for a partial answer, the
 *     provider that failed mid-answer
 * @param model model that answered ("none" without a model)
 * @param latencyMs wall time of the request
 * @param conversationId the conversation the exchange was stored in
 * @param traceId id of the request in the stored messages
 * @param partial whether the text stops where the provider failed in the middle of the answer
 * @param weakMatch whether no passage matches the question well (the sources are then only the
 *     closest; see {@link Answer#weakMatch()})
 * @param attempts every provider tried, in order (one per member of a fallback chain considered);
 *     empty when no model was configured
 * @param sources the passages the answer rests on, best first
 * @param route how an agent of the home's registry routed the question (which agent, documents
 *     searched or not, local or remote chain, and why); absent for an unrouted answer
 * @param consensus how several models made the answer (strategy, every worker's answer or failure);
 *     absent when no consensus answered
 */
@JsonPropertyOrder({
  "answer",
  "mode",
  "reason",
  "provider",
  "model",
  "latencyMs",
  "conversationId",
  "traceId",
  "partial",
  "weakMatch",
  "attempts",
  "sources",
  "route",
  "consensus"
})
public record AnswerJson(
    String answer,
    String mode,
    @Nullable String reason,
    String provider,
    String model,
    long latencyMs,
    String conversationId,
    String traceId,
    boolean partial,
    boolean weakMatch,
    List<AttemptJson> attempts,
    List<SourceJson> sources,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable RouteJson route,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ConsensusJson consensus) {

  /**
   * The route of an answer.
   *
   * @param agent the agent that answered
   * @param retrieval whether its documents were searched
   * @param chain LOCAL, REMOTE or NONE
   * @param reasons why, one sentence per decision
   */
  @JsonPropertyOrder({"agent", "retrieval", "chain", "reasons"})
  public record RouteJson(String agent, boolean retrieval, String chain, List<String> reasons) {
    static RouteJson of(Route route) {
      return new RouteJson(
          route.agentId(), route.retrieval(), route.chain().name(), route.reasons());
    }
  }

  /**
   * How a consensus made the answer.
   *
   * @param strategy merger, majority, weighted or best_of
   * @param workers every worker's part, in the configured order
   * @param merger the merger's (or best-of scorer's) attempt; null when the answer was voted, a
   *     single worker answered, or every worker failed
   * @param ms wall time of the consensus, merger included
   */
  @JsonPropertyOrder({"strategy", "workers", "merger", "ms"})
  public record ConsensusJson(
      String strategy, List<WorkerJson> workers, @Nullable AttemptJson merger, long ms) {
    static ConsensusJson of(ConsensusOutcome outcome) {
      Attempt merger = outcome.merger();
      return new ConsensusJson(
          outcome.strategy(),
          outcome.workers().stream().map(WorkerJson::of).toList(),
          merger == null ? null : AttemptJson.of(merger),
          outcome.elapsed().toMillis());
    }
  }

  /**
   * One worker's part of a consensus.
   *
   * @param provider the worker's provider
   * @param model its model
   * @param outcome ANSWERED or FAILED
   * @param kind why it failed, or null
   * @param ms how long it took
   * @param answer its answer, or null when it failed
   */
  @JsonPropertyOrder({"provider", "model", "outcome", "kind", "ms", "answer"})
  public record WorkerJson(
      String provider,
      String model,
      String outcome,
      @Nullable String kind,
      long ms,
      @Nullable String answer) {
    static WorkerJson of(WorkerAnswer w) {
      return new WorkerJson(
          w.provider(),
          w.model(),
          w.outcome().name(),
          w.kind() == null ? null : w.kind().name(),
          w.latency().toMillis(),
          w.text());
    }
  }

  /**
   * One provider attempt.
   *
   * @param provider the provider's name, e.g. "ollama"
   * @param model the model asked for
   * @param outcome ANSWERED, FAILED or SKIPPED_BREAKER_OPEN
   * @param kind why it failed (UNAVAILABLE, TIMEOUT, AUTHENTICATION...), null otherwise
   * @param ms time spent on the attempt
   */
  @JsonPropertyOrder({"provider", "model", "outcome", "kind", "ms"})
  public record AttemptJson(
      String provider, String model, String outcome, @Nullable String kind, long ms) {
    static AttemptJson of(Attempt attempt) {
      return new AttemptJson(
          attempt.provider(),
          attempt.model(),
          attempt.outcome().name(),
          attempt.kind() == null ? null : attempt.kind().name(),
          attempt.elapsed().toMillis());
    }
  }

  /**
   * One source.
   *
   * @param document file name of the document
   * @param path full path the document was read from (the first, for byte-identical copies), or
   *     null when not known (a conversation, a document indexed without a location)
   * @param section heading path of the passage ("Terms > Cancellation"), or null
   * @param page 1-based page, or null for formats without pages
   * @param chunk 0-based chunk number in the document
   * @param score retrieval score, higher is better
   */
  @JsonPropertyOrder({"document", "path", "section", "page", "chunk", "score"})
  public record SourceJson(
      String document,
      @Nullable String path,
      @Nullable String section,
      @Nullable Integer page,
      int chunk,
      double score) {
    static SourceJson of(Source source) {
      return new SourceJson(
          source.document(),
          source.path(),
          source.section(),
          source.page(),
          source.chunk(),
          source.score());
    }
  }

  /**
   * The JSON view of an answer: the CLI's {@code ask --json} and the reference server's {@code POST
   * /api/chat} (and the final event of its stream) print this same object.
   */
  public static AnswerJson of(Answer answer) {
    return new AnswerJson(
        answer.text(),
        answer.mode().name(),
        answer.reason(),
        answer.provider(),
        answer.model(),
        answer.latency().toMillis(),
        answer.conversationId(),
        answer.traceId(),
        answer.partial(),
        answer.weakMatch(),
        answer.attempts().stream().map(AttemptJson::of).toList(),
        answer.sources().stream().map(SourceJson::of).toList(),
        answer.route() == null ? null : RouteJson.of(answer.route()),
        answer.consensus() == null ? null : ConsensusJson.of(answer.consensus()));
  }
}
