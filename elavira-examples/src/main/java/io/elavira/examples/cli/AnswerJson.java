package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.elavira.Answer;
import io.elavira.Source;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of {@code elavira ask --json}: one object per answer.
 *
 * @param answer the answer text
 * @param mode GENERATED or EXTRACTIVE
 * @param reason why the answer is extractive (no model configured, a provider failed, cancelled);
 *     null for a generated answer
 * @param provider provider that answered ("extractive" without a model)
 * @param model model that answered ("none" without a model)
 * @param latencyMs wall time of the request
 * @param conversationId the conversation the exchange was stored in
 * @param traceId id of the request in the stored messages
 * @param sources the passages the answer rests on, best first
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
  "sources"
})
record AnswerJson(
    String answer,
    String mode,
    @Nullable String reason,
    String provider,
    String model,
    long latencyMs,
    String conversationId,
    String traceId,
    List<SourceJson> sources) {

  /**
   * One source.
   *
   * @param document file name of the document
   * @param page 1-based page, or null for formats without pages
   * @param chunk 0-based chunk number in the document
   * @param score retrieval score, higher is better
   */
  @JsonPropertyOrder({"document", "page", "chunk", "score"})
  record SourceJson(String document, @Nullable Integer page, int chunk, double score) {
    static SourceJson of(Source source) {
      return new SourceJson(source.document(), source.page(), source.chunk(), source.score());
    }
  }

  /** The JSON view of an answer. */
  static AnswerJson of(Answer answer) {
    return new AnswerJson(
        answer.text(),
        answer.mode().name(),
        answer.reason(),
        answer.provider(),
        answer.model(),
        answer.latency().toMillis(),
        answer.conversationId(),
        answer.traceId(),
        answer.sources().stream().map(SourceJson::of).toList());
  }
}
