package io.elavira.llm.ollama;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.http.internal.Structured;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Maps Elavira's requests and responses to and from Ollama's wire shapes. Immutable. */
final class OllamaMapping {
  private final ObjectMapper json;
  private final String model;
  private final @Nullable Double temperature;
  private final @Nullable Integer maxOutputTokens;
  private final @Nullable Integer numCtx;
  private final @Nullable Boolean think;
  private final @Nullable String keepAlive;

  OllamaMapping(
      ObjectMapper json,
      String model,
      @Nullable Double temperature,
      @Nullable Integer maxOutputTokens,
      @Nullable Integer numCtx,
      @Nullable Boolean think,
      @Nullable String keepAlive) {
    this.json = json;
    this.model = model;
    this.temperature = temperature;
    this.maxOutputTokens = maxOutputTokens;
    this.numCtx = numCtx;
    this.think = think;
    this.keepAlive = keepAlive;
  }

  /** The body of POST /api/chat for {@code request}; the request's options win. */
  OllamaWire.ChatRequest request(ChatRequest request, boolean stream) {
    List<OllamaWire.Message> messages =
        request.messages().stream()
            .map(m -> new OllamaWire.Message(role(m), m.content(), null))
            .toList();
    OllamaWire.Options options =
        new OllamaWire.Options(
            request.temperature() != null ? request.temperature() : temperature,
            request.maxOutputTokens() != null ? request.maxOutputTokens() : maxOutputTokens,
            numCtx,
            request.seed(),
            request.stopSequences().isEmpty() ? null : request.stopSequences());
    String m = request.model() != null ? request.model() : model;
    return new OllamaWire.ChatRequest(
        m,
        messages,
        stream,
        options.isEmpty() ? null : options,
        keepAlive,
        request.jsonSchema() == null ? null : Structured.tree(json, request.jsonSchema()),
        think);
  }

  /** The response from the last (done) chunk and what the stream assembled. */
  ChatResponse response(
      OllamaWire.ChatChunk last,
      String text,
      @Nullable String thinking,
      String model,
      ChatRequest request) {
    TokenUsage usage =
        new TokenUsage(
            last.promptEvalCount() == null ? 0 : last.promptEvalCount(),
            last.evalCount() == null ? 0 : last.evalCount());
    String answeredBy = last.model() == null || last.model().isBlank() ? model : last.model();
    ChatResponse.Builder b = ChatResponse.builder(text, answeredBy, usage);
    if (last.doneReason() != null) {
      b.finishReason(last.doneReason());
    }
    if (thinking != null) {
      b.thinking(thinking);
    }
    return Structured.withJson(b, json, request.jsonSchema(), text).build();
  }

  static String clip(@Nullable String s) {
    return io.elavira.llm.http.internal.HttpErrors.clip(s == null ? "" : s);
  }

  private static String role(ChatMessage message) {
    return message.role().name().toLowerCase(Locale.ROOT);
  }

  /** "llama3.2" and "llama3.2:latest" name the same model. */
  static String withTag(String name) {
    return name.contains(":") ? name : name + ":latest";
  }
}
