package io.elavira.llm.openai.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The response shapes of Chat Completions (openapi.yaml: CreateChatCompletionResponse and
 * CreateChatCompletionStreamResponse), only the fields Elavira uses. Requests are built as JSON
 * trees by {@link ChatCompletions}. Not API.
 */
final class ChatWire {
  private ChatWire() {}

  /** A whole answer, or one stream chunk (whose choices carry {@code delta}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Completion(
      @Nullable String model,
      @Nullable List<Choice> choices,
      @Nullable Usage usage,
      @Nullable JsonNode error) {}

  /** One choice; Elavira asks for one. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Choice(
      @Nullable Message message,
      @Nullable Message delta,
      @JsonProperty("finish_reason") @Nullable String finishReason) {}

  /** A message or a delta; {@code reasoning_content} from llama.cpp and DeepSeek-style servers. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(
      @Nullable String role,
      @Nullable JsonNode content,
      @JsonProperty("reasoning_content") @Nullable String reasoningContent,
      @Nullable String refusal) {

    /** The text of {@code content}: a string, or Mistral's list of {type: text, text} chunks. */
    String text() {
      if (content == null || content.isNull()) {
        return "";
      }
      if (content.isTextual()) {
        return content.asText();
      }
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText())) {
          sb.append(part.path("text").asText());
        }
      }
      return sb.toString();
    }
  }

  /** Token counts. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens) {}

  /** GET /models. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Models(@Nullable List<Model> data) {}

  /** One model. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Model(@Nullable String id) {}

  /** POST /embeddings answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Embeddings(@Nullable List<Embedding> data) {}

  /** One embedding, with its input's index. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared
  record Embedding(int index, float @Nullable [] embedding) {}
}
