package io.elavira.llm.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Structured output helpers shared by the providers. Not API. */
public final class Structured {
  private Structured() {}

  /** The schema as a JSON tree, to embed in a request body. */
  public static JsonNode tree(ObjectMapper json, JsonSchema schema) {
    try {
      return json.readTree(schema.schema());
    } catch (IOException e) {
      // JsonSchema validated it when it was made.
      throw new IllegalStateException("JSON schema " + schema.name() + " no longer parses", e);
    }
  }

  /**
   * Sets {@link ChatResponse#json()} when a schema was asked for and the answer is well-formed
   * JSON; an answer that is not JSON is left as text only (json() stays null).
   */
  public static ChatResponse.Builder withJson(
      ChatResponse.Builder b, ObjectMapper json, @Nullable JsonSchema asked, String text) {
    if (asked == null) {
      return b;
    }
    try {
      JsonNode parsed = json.readTree(text);
      if (parsed != null && (parsed.isObject() || parsed.isArray())) {
        b.json(text.strip());
      }
    } catch (IOException e) {
      // Not JSON: the caller sees json() == null and the text as it came.
    }
    return b;
  }
}
