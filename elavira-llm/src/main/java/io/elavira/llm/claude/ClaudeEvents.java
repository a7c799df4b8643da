package io.elavira.llm.claude;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.http.internal.HttpErrors;
import io.elavira.llm.http.internal.HttpTransport;
import io.elavira.llm.http.internal.StreamAssembly;
import org.jspecify.annotations.Nullable;

/**
 * Reads one Messages stream: message_start, content_block_start/delta/stop, message_delta,
 * message_stop, ping (ignored) and error (mid-stream). Text deltas go to the listener, thinking
 * deltas are kept apart, tool and unknown blocks are ignored; a {@code fallback} block relabels the
 * answering model; usage is taken from message_start and replaced by message_delta. One stream, one
 * thread.
 */
final class ClaudeEvents {
  private final HttpTransport http;
  private final String model;
  private final StreamAssembly answer;
  private @Nullable String answeredBy;
  private int inputTokens;
  private int outputTokens;
  private @Nullable String stopReason;

  ClaudeEvents(HttpTransport http, String model, StreamAssembly answer) {
    this.http = http;
    this.model = model;
    this.answer = answer;
  }

  /** Handles one event; true at message_stop. */
  boolean onEvent(@Nullable String type, String data) {
    JsonNode event = http.parse(data, JsonNode.class, model, answer.started());
    String kind = type != null ? type : event.path("type").asText();
    switch (kind) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        answeredBy = text(message.path("model"), answeredBy);
        usage(message.path("usage"));
      }
      case "content_block_start" -> {
        JsonNode block = event.path("content_block");
        if ("fallback".equals(block.path("type").asText())) {
          answeredBy = text(block.path("to").path("model"), answeredBy);
        }
      }
      case "content_block_delta" -> {
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText()) {
          case "text_delta" -> answer.answer(delta.path("text").asText());
          case "thinking_delta" -> answer.thinking(delta.path("thinking").asText());
          default -> {
            // tool input, signatures, citations, newer delta types: not part of the answer text
          }
        }
      }
      case "message_delta" -> {
        String reason = event.path("delta").path("stop_reason").asText(null);
        if (reason != null) {
          stopReason = reason;
        }
        usage(event.path("usage"));
      }
      case "message_stop" -> {
        return true;
      }
      case "error" -> throw error(event.path("error"));
      default -> {
        // ping, content_block_stop and event types added later
      }
    }
    return false;
  }

  private LlmException error(JsonNode error) {
    String type = error.path("type").asText("error");
    String message = HttpErrors.clip(error.path("message").asText(""));
    boolean started = answer.started();
    Kind kind =
        started
            ? Kind.STREAM_INTERRUPTED
            : switch (type) {
              case "overloaded_error" -> Kind.OVERLOADED;
              case "rate_limit_error" -> Kind.RATE_LIMITED;
              case "authentication_error", "permission_error" -> Kind.AUTHENTICATION;
              case "invalid_request_error" -> Kind.INVALID_REQUEST;
              case "not_found_error" -> Kind.MODEL_NOT_FOUND;
              default -> Kind.UNAVAILABLE;
            };
    return http.errors()
        .failure(
            kind,
            model,
            "Claude sent an error event "
                + (started ? "mid-stream" : "before the first token")
                + " ("
                + type
                + (message.isEmpty() ? "" : ": " + message)
                + ")",
            null,
            null);
  }

  private void usage(JsonNode usage) {
    if (usage.has("input_tokens")) {
      inputTokens = Math.max(0, usage.path("input_tokens").asInt());
    }
    if (usage.has("output_tokens")) {
      outputTokens = Math.max(0, usage.path("output_tokens").asInt());
    }
  }

  private static @Nullable String text(JsonNode node, @Nullable String otherwise) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : otherwise;
  }

  /** The answer once message_stop was seen. */
  ChatResponse.Builder response() {
    ChatResponse.Builder b =
        ChatResponse.builder(
            answer.text(),
            answeredBy == null ? model : answeredBy,
            new TokenUsage(inputTokens, outputTokens));
    if (stopReason != null) {
      b.finishReason(stopReason);
    }
    String thinking = answer.thinkingOrNull();
    if (thinking != null) {
      b.thinking(thinking);
    }
    return b;
  }
}
