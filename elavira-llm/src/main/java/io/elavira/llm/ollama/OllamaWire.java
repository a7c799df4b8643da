package io.elavira.llm.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Ollama's JSON shapes (docs/api.md, openapi.yaml), only the fields Elavira uses. */
final class OllamaWire {
  private OllamaWire() {}

  /** Body of POST /api/chat. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChatRequest(
      String model,
      List<Message> messages,
      boolean stream,
      Options options,
      @JsonProperty("keep_alive") String keepAlive) {}

  /** One chat message, sent or received. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(String role, String content) {}

  /** Model parameters (Modelfile names). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Options(Double temperature, @JsonProperty("num_predict") Integer numPredict) {}

  /**
   * The non-streamed response, and each NDJSON line of a stream: the final one has {@code
   * done=true} and the counters; an error line has only {@code error}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChatChunk(
      String model,
      Message message,
      boolean done,
      @JsonProperty("done_reason") String doneReason,
      @JsonProperty("prompt_eval_count") Integer promptEvalCount,
      @JsonProperty("eval_count") Integer evalCount,
      String error) {

    String content() {
      return message == null || message.content() == null ? "" : message.content();
    }
  }

  /** An error body: {@code {"error": "..."}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorBody(String error) {}

  /** Response of GET /api/tags. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Tags(List<Model> models) {}

  /** One local model in /api/tags. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Model(String name, String model) {}
}
