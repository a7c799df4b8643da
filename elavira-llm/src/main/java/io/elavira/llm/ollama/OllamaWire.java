package io.elavira.llm.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Ollama's JSON shapes (docs/api.md, openapi.yaml), only the fields Elavira uses. */
final class OllamaWire {
  private OllamaWire() {}

  /** Body of POST /api/chat. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChatRequest(
      String model,
      List<Message> messages,
      boolean stream,
      @Nullable Options options,
      @JsonProperty("keep_alive") @Nullable String keepAlive,
      @Nullable JsonNode format,
      @Nullable Boolean think) {}

  /** One chat message, sent or received; {@code thinking} only in answers of thinking models. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(String role, @Nullable String content, @Nullable String thinking) {}

  /** Model parameters (Modelfile names). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Options(
      @Nullable Double temperature,
      @JsonProperty("num_predict") @Nullable Integer numPredict,
      @JsonProperty("num_ctx") @Nullable Integer numCtx,
      @Nullable Long seed,
      @Nullable List<String> stop) {
    boolean isEmpty() {
      return temperature == null
          && numPredict == null
          && numCtx == null
          && seed == null
          && stop == null;
    }
  }

  /**
   * The non-streamed response, and each NDJSON line of a stream: the final one has {@code
   * done=true} and the counters; an error line has only {@code error}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChatChunk(
      @Nullable String model,
      @Nullable Message message,
      boolean done,
      @JsonProperty("done_reason") @Nullable String doneReason,
      @JsonProperty("prompt_eval_count") @Nullable Integer promptEvalCount,
      @JsonProperty("eval_count") @Nullable Integer evalCount,
      @Nullable String error) {

    String content() {
      return message == null || message.content() == null ? "" : message.content();
    }

    String thinking() {
      return message == null || message.thinking() == null ? "" : message.thinking();
    }
  }

  /** Response of GET /api/tags. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Tags(@Nullable List<Model> models) {}

  /** One local model in /api/tags. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Model(@Nullable String name, @Nullable String model) {}

  /** Body of POST /api/embed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EmbedRequest(
      String model,
      List<String> input,
      @JsonProperty("keep_alive") @Nullable String keepAlive,
      @Nullable Integer dimensions) {}

  /** Response of POST /api/embed. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EmbedResponse(@Nullable String model, @Nullable List<float[]> embeddings) {}
}
