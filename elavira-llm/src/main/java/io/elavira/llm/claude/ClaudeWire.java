package io.elavira.llm.claude;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The Messages API's JSON shapes, only the fields Elavira uses. */
final class ClaudeWire {
  private ClaudeWire() {}

  /** Body of POST /v1/messages. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Request(
      String model,
      @JsonProperty("max_tokens") int maxTokens,
      @Nullable String system,
      List<Message> messages,
      @Nullable Double temperature,
      @JsonProperty("stop_sequences") @Nullable List<String> stopSequences,
      boolean stream) {}

  /** One message of the conversation: "user" or "assistant". */
  record Message(String role, String content) {}

  /** A whole answer ("type": "message"). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Response(
      @Nullable String model,
      @Nullable List<JsonNode> content,
      @JsonProperty("stop_reason") @Nullable String stopReason,
      @Nullable Usage usage) {}

  /** Token counts; absent fields are null (message_start may carry none). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Usage(
      @JsonProperty("input_tokens") @Nullable Integer inputTokens,
      @JsonProperty("output_tokens") @Nullable Integer outputTokens) {}

  /** GET /v1/models. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Models(@Nullable List<Model> data) {}

  /** One model. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Model(@Nullable String id) {}
}
