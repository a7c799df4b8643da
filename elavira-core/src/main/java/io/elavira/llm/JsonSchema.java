package io.elavira.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON schema that a structured answer must follow, as sent to providers that enforce one
 * (OpenAI's and Mistral's {@code response_format}, Ollama's {@code format}, llama.cpp's grammar).
 *
 * @param name a short identifier of the schema (letters, digits, '_' and '-', at most 64), which
 *     OpenAI-style APIs require
 * @param schema the schema itself, a JSON object in text form
 */
public record JsonSchema(String name, String schema) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Validates the name and that the schema is a JSON object.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public JsonSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a JSON schema name is 1 to 64 letters, digits, '_' or '-', got '" + name + "'");
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "JSON schema '" + name + "' is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("JSON schema '" + name + "' must be a JSON object");
    }
  }
}
