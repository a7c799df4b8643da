package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.ElaviraException;
import io.elavira.llm.Attempt;
import io.elavira.llm.LlmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API. The {@code messages.attempts} column: a JSON array of {@code {"provider", "model",
 * "outcome", "kind", "ms"}}, the same shape the CLI's {@code --json} prints.
 */
final class AttemptsJson {
  private AttemptsJson() {}

  /** Created on first use, as in {@link ChunkRows}: Jackson is slow to start in a cold JVM. */
  private static final class Holder {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /** The mapper of the message columns ({@code attempts}, {@code route}, {@code consensus}). */
  static ObjectMapper mapper() {
    return Holder.JSON;
  }

  /** The error of a message column that is not readable, naming the column and the message. */
  static ElaviraException unreadable(String column, long messageId, Exception cause) {
    return new ElaviraException(
        "The "
            + column
            + " stored with message "
            + messageId
            + " is not readable ("
            + cause.getClass().getSimpleName()
            + "); the database was edited by hand or by a newer Elavira.",
        cause);
  }

  static String write(List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return "[]";
    }
    ArrayNode array = Holder.JSON.createArrayNode();
    for (Attempt a : attempts) {
      ObjectNode o = array.addObject();
      o.put("provider", a.provider());
      o.put("model", a.model());
      o.put("outcome", a.outcome().name());
      LlmException.Kind kind = a.kind();
      if (kind == null) {
        o.putNull("kind");
      } else {
        o.put("kind", kind.name());
      }
      o.put("ms", a.elapsed().toMillis());
    }
    return array.toString();
  }

  static List<Attempt> read(String json, long messageId) {
    if (json.equals("[]")) {
      return List.of();
    }
    try {
      List<Attempt> attempts = new ArrayList<>();
      for (JsonNode o : Holder.JSON.readTree(json)) {
        JsonNode kind = o.path("kind");
        attempts.add(
            new Attempt(
                o.path("provider").asText(),
                o.path("model").asText(),
                Attempt.Outcome.valueOf(o.path("outcome").asText()),
                kind.isTextual() ? LlmException.Kind.valueOf(kind.asText()) : null,
                Duration.ofMillis(o.path("ms").asLong())));
      }
      return List.copyOf(attempts);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw unreadable("attempts", messageId, e);
    }
  }
}
