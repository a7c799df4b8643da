package io.elavira.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.http.internal.HttpErrors;
import io.elavira.llm.http.internal.HttpTransport;
import io.elavira.llm.http.internal.StreamAssembly;
import io.elavira.llm.http.internal.Structured;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Chat Completions over one {@link HttpTransport}: plain and SSE-streamed chat, model listing and
 * embeddings, for OpenAI and the APIs shaped like it. Thread-safe. Not API.
 */
public final class ChatCompletions {
  private final HttpTransport http;
  private final Dialect dialect;
  private final String defaultModel;
  private final @Nullable Double temperature;
  private final @Nullable Integer maxOutputTokens;

  /**
   * An engine.
   *
   * @param defaultModel the model when a request names none
   * @param temperature the default temperature, or null for the server's
   * @param maxOutputTokens the default output limit, or null for the server's
   */
  public ChatCompletions(
      HttpTransport http,
      Dialect dialect,
      String defaultModel,
      @Nullable Double temperature,
      @Nullable Integer maxOutputTokens) {
    this.http = http;
    this.dialect = dialect;
    this.defaultModel = defaultModel;
    this.temperature = temperature;
    this.maxOutputTokens = maxOutputTokens;
  }

  /** The transport (settings, errors). */
  public HttpTransport http() {
    return http;
  }

  /** Sends the request and reads the whole answer. */
  public ChatResponse chat(ChatRequest request) {
    return chat(request, new Cancellation());
  }

  /** Sends the request and reads the whole answer; cancelling closes the HTTP call. */
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    ObjectNode body = body(request, false);
    String model = body.path("model").asText();
    ChatWire.Completion c =
        http.postJson(dialect.chatPath(), body, ChatWire.Completion.class, model, cancellation);
    if (c.error() != null) {
      throw http.errors()
          .failure(
              Kind.UNAVAILABLE,
              model,
              "the server reported an error: " + said(c.error()),
              null,
              null);
    }
    ChatWire.Choice choice =
        c.choices() == null || c.choices().isEmpty() ? null : c.choices().get(0);
    if (choice == null || choice.message() == null) {
      throw http.errors()
          .failure(Kind.UNAVAILABLE, model, "the answer holds no choice", null, null);
    }
    ChatWire.Message m = choice.message();
    return response(
        m.text(),
        m.reasoningContent(),
        c.model(),
        model,
        c.usage(),
        choice.finishReason(),
        request);
  }

  /** Streams the answer (SSE, ending with {@code data: [DONE]}). */
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    ObjectNode body = body(request, true);
    String model = body.path("model").asText();
    StreamAssembly answer = new StreamAssembly(listener);
    Object[] last = new Object[3]; // answered-by model, usage, finish reason
    http.streamSse(
        dialect.chatPath(),
        body,
        model,
        cancellation,
        answer::started,
        (type, data) -> {
          if ("[DONE]".equals(data.trim())) {
            return true;
          }
          ChatWire.Completion chunk =
              http.parse(data, ChatWire.Completion.class, model, answer.started());
          if (chunk.error() != null || "error".equals(type)) {
            boolean started = answer.started();
            throw http.errors()
                .failure(
                    started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
                    model,
                    "the server reported an error "
                        + (started ? "mid-stream" : "before the first token")
                        + ": "
                        + said(chunk.error()),
                    null,
                    null);
          }
          if (chunk.model() != null) {
            last[0] = chunk.model();
          }
          if (chunk.usage() != null) {
            last[1] = chunk.usage();
          }
          if (chunk.choices() != null) {
            for (ChatWire.Choice choice : chunk.choices()) {
              if (choice.finishReason() != null) {
                last[2] = choice.finishReason();
              }
              ChatWire.Message delta = choice.delta();
              if (delta != null) {
                answer.thinking(delta.reasoningContent());
                answer.answer(delta.text());
              }
            }
          }
          return false;
        });
    return response(
        answer.text(),
        answer.thinkingOrNull(),
        (String) last[0],
        model,
        (ChatWire.Usage) last[1],
        (String) last[2],
        request);
  }

  /**
   * The served models' ids, sorted.
   *
   * @param quick with the short health timeouts
   */
  public List<String> models(boolean quick) {
    ChatWire.Models models =
        http.getJson(dialect.modelsPath(), ChatWire.Models.class, defaultModel, quick);
    return models.data() == null
        ? List.of()
        : models.data().stream().map(ChatWire.Model::id).filter(Objects::nonNull).sorted().toList();
  }

  /** Embeds one batch with {@code model}, in input order (not yet normalised). */
  public List<float[]> embed(String model, List<String> batch) {
    ObjectNode body = http.json().createObjectNode();
    body.put("model", model);
    ArrayNode input = body.putArray("input");
    batch.forEach(input::add);
    body.put("encoding_format", "float");
    ChatWire.Embeddings r =
        http.postJson(dialect.embeddingsPath(), body, ChatWire.Embeddings.class, model);
    List<ChatWire.Embedding> data = r.data() == null ? List.of() : new ArrayList<>(r.data());
    data.sort(Comparator.comparingInt(ChatWire.Embedding::index));
    return data.stream().map(e -> floats(e.embedding())).toList();
  }

  private static float[] floats(float @Nullable [] values) {
    return values == null ? new float[0] : values;
  }

  private ObjectNode body(ChatRequest request, boolean stream) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = http.json().createObjectNode();
    body.put("model", request.model() != null ? request.model() : defaultModel);
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      ObjectNode message = messages.addObject();
      message.put("role", m.role().name().toLowerCase(Locale.ROOT));
      message.put("content", m.content());
    }
    Double t = request.temperature() != null ? request.temperature() : temperature;
    if (t != null) {
      body.put("temperature", t);
    }
    Integer max = request.maxOutputTokens() != null ? request.maxOutputTokens() : maxOutputTokens;
    if (max != null) {
      body.put(dialect.maxTokensField(), max);
    }
    if (request.seed() != null) {
      body.put(dialect.seedField(), request.seed());
    }
    if (!request.stopSequences().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      request.stopSequences().forEach(stop::add);
    }
    JsonSchema schema = request.jsonSchema();
    if (schema != null) {
      ObjectNode format = body.putObject("response_format");
      format.put("type", "json_schema");
      JsonNode tree = Structured.tree(http.json(), schema);
      if (dialect.schemaInline()) {
        format.set("schema", tree);
      } else {
        ObjectNode js = format.putObject("json_schema");
        js.put("name", schema.name());
        js.set("schema", tree);
      }
    }
    body.put("stream", stream);
    if (stream && dialect.streamUsageOption()) {
      body.putObject("stream_options").put("include_usage", true);
    }
    dialect.extra().accept(body);
    return body;
  }

  private ChatResponse response(
      String text,
      @Nullable String thinking,
      @Nullable String answeredBy,
      String model,
      ChatWire.@Nullable Usage usage,
      @Nullable String finishReason,
      ChatRequest request) {
    TokenUsage tokens =
        usage == null
            ? TokenUsage.NONE
            : new TokenUsage(
                Math.max(0, usage.promptTokens()), Math.max(0, usage.completionTokens()));
    ChatResponse.Builder b =
        ChatResponse.builder(
            text, answeredBy == null || answeredBy.isBlank() ? model : answeredBy, tokens);
    if (finishReason != null) {
      b.finishReason(finishReason);
    }
    if (thinking != null && !thinking.isEmpty()) {
      b.thinking(thinking);
    }
    return Structured.withJson(b, http.json(), request.jsonSchema(), text).build();
  }

  private static String said(@Nullable JsonNode error) {
    if (error == null) {
      return "(no detail)";
    }
    String message =
        error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
    return HttpErrors.clip(message);
  }
}
