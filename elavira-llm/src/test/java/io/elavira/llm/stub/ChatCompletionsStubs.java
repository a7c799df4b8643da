package io.elavira.llm.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Bodies shaped as OpenAI's openapi.yaml says (CreateChatCompletionResponse, the SSE chunks of
 * CreateChatCompletionStreamResponse ending with {@code data: [DONE]}, ErrorResponse), which
 * Mistral and llama.cpp's server follow too.
 */
public final class ChatCompletionsStubs {
  private ChatCompletionsStubs() {}

  /** A whole chat answer. */
  public static String completion(String model, String text) {
    return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\""
        + model
        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fc9f1d7035\"}";
  }

  /** One SSE chunk carrying a piece of content. */
  public static String chunk(String model, String piece) {
    return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1694268190,\"model\":\""
        + model
        + "\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":\""
        + piece
        + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
  }

  /** The pieces, a finish chunk, the usage chunk (include_usage) and [DONE]. */
  public static String stream(String model, String... pieces) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\""
            + model
            + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    for (String piece : pieces) {
      sb.append(chunk(model, piece));
    }
    sb.append(
        "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\""
            + model
            + "\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\"}]}\n\n");
    sb.append(
        "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\""
            + model
            + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":"
            + pieces.length
            + ",\"total_tokens\":"
            + (19 + pieces.length)
            + "}}\n\n");
    return sb.append("data: [DONE]\n\n").toString();
  }

  /** An ErrorResponse: all four Error properties, code and param nullable. */
  public static String error(String type, String message, @Nullable String code) {
    return "{\"error\":{\"message\":\""
        + message
        + "\",\"type\":\""
        + type
        + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"")
        + "}}";
  }

  /** A JSON response. */
  public static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** An SSE response. */
  public static ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withBody(body);
  }
}
