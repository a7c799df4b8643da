package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.llm.Attempt;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.WorkerAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Not API. The {@code messages.consensus} column (V11): a {@link ConsensusOutcome} as {@code
 * {"strategy", "ms", "workers": [{"provider", "model", "outcome", "kind", "ms", "answer", "error",
 * "inputTokens", "outputTokens"}], "merger": {"provider", "model", "outcome", "kind", "ms"} or
 * null}}; NULL when no consensus made the answer. Times are kept in milliseconds, as the attempts'
 * are. Stateless.
 */
final class ConsensusJson {
  private ConsensusJson() {}

  static @Nullable String write(@Nullable ConsensusOutcome outcome) {
    if (outcome == null) {
      return null;
    }
    ObjectNode node = AttemptsJson.mapper().createObjectNode();
    node.put("strategy", outcome.strategy());
    node.put("ms", outcome.elapsed().toMillis());
    ArrayNode workers = node.putArray("workers");
    for (WorkerAnswer w : outcome.workers()) {
      ObjectNode o = workers.addObject();
      o.put("provider", w.provider());
      o.put("model", w.model());
      o.put("outcome", w.outcome().name());
      putKind(o, w.kind());
      o.put("ms", w.latency().toMillis());
      o.put("answer", w.text());
      o.put("error", w.error());
      o.put("inputTokens", w.usage().inputTokens());
      o.put("outputTokens", w.usage().outputTokens());
    }
    Attempt merger = outcome.merger();
    if (merger == null) {
      node.putNull("merger");
    } else {
      ObjectNode o = node.putObject("merger");
      o.put("provider", merger.provider());
      o.put("model", merger.model());
      o.put("outcome", merger.outcome().name());
      putKind(o, merger.kind());
      o.put("ms", merger.elapsed().toMillis());
    }
    return node.toString();
  }

  static @Nullable ConsensusOutcome read(@Nullable String json, long messageId) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = AttemptsJson.mapper().readTree(json);
      List<WorkerAnswer> workers = new ArrayList<>();
      for (JsonNode w : node.path("workers")) {
        workers.add(
            new WorkerAnswer(
                w.path("provider").asText(),
                w.path("model").asText(),
                Attempt.Outcome.valueOf(w.path("outcome").asText()),
                kind(w),
                text(w.path("answer")),
                Duration.ofMillis(w.path("ms").asLong()),
                new TokenUsage(w.path("inputTokens").asInt(), w.path("outputTokens").asInt()),
                text(w.path("error"))));
      }
      JsonNode m = node.path("merger");
      Attempt merger =
          m.isObject()
              ? new Attempt(
                  m.path("provider").asText(),
                  m.path("model").asText(),
                  Attempt.Outcome.valueOf(m.path("outcome").asText()),
                  kind(m),
                  Duration.ofMillis(m.path("ms").asLong()))
              : null;
      return new ConsensusOutcome(
          node.path("strategy").asText(),
          workers,
          merger,
          Duration.ofMillis(node.path("ms").asLong()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw AttemptsJson.unreadable("consensus", messageId, e);
    }
  }

  private static void putKind(ObjectNode o, LlmException.@Nullable Kind kind) {
    if (kind == null) {
      o.putNull("kind");
    } else {
      o.put("kind", kind.name());
    }
  }

  private static LlmException.@Nullable Kind kind(JsonNode o) {
    JsonNode kind = o.path("kind");
    return kind.isTextual() ? LlmException.Kind.valueOf(kind.asText()) : null;
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
