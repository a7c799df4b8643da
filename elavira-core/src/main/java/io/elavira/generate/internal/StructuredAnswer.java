package io.elavira.generate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.llm.ChatResponse;
import org.jspecify.annotations.Nullable;

/** Not API. The JSON object of a structured answer: its {@code json()}, else its text. */
final class StructuredAnswer {
  private StructuredAnswer() {}

  /** The answer's JSON object, or null when neither its JSON nor its text is one. */
  static @Nullable JsonNode parse(ChatResponse response) {
    String json = response.json();
    JsonNode node = json == null ? null : ModelProfileReader.readJson(json);
    return node != null ? node : ModelProfileReader.readJson(response.text());
  }
}
