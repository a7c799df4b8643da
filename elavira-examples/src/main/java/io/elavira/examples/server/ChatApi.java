package io.elavira.examples.server;

import io.elavira.Answer;
import io.elavira.AnswerStream;
import io.elavira.ElaviraAgent;
import io.elavira.examples.cli.AnswerJson;
import io.elavira.examples.cli.AnswerTraceJson;
import io.elavira.examples.cli.ErrorJson;
import io.elavira.store.AnswerTrace;
import io.elavira.store.ConversationStore;
import io.elavira.store.ElaviraStore;
import io.elavira.store.Rating;
import io.elavira.store.StoredMessage;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Chat (whole answers and server-sent events), conversations, feedback and the stored traces of
 * answers. Every conversation and answer is its user's: another user's id answers 404, as an
 * unknown one does.
 */
final class ChatApi {
  /** Messages returned for one conversation, newest kept. */
  static final int MAX_HISTORY = 500;

  /** Longest feedback comment, in characters. */
  static final int MAX_COMMENT_CHARS = 2_000;

  /** Longest conversation id or trace id accepted, in characters. */
  static final int MAX_ID_CHARS = 200;

  private static final int PREVIEW_CHARS = 80;

  record ChatBody(
      @Nullable String message, @Nullable String agent, @Nullable String conversationId) {}

  record FeedbackBody(
      @Nullable String traceId, @Nullable String rating, @Nullable String comment) {}

  record ConversationView(String id, @Nullable String lastMessage, @Nullable String updatedAt) {}

  record MessageView(
      String role,
      String content,
      String createdAt,
      @Nullable String traceId,
      @Nullable String provider,
      @Nullable String model) {}

  private final Http http;
  private final AgentDirectory agents;
  private final ElaviraStore store;

  ChatApi(Http http, AgentDirectory agents, ElaviraStore store) {
    this.http = http;
    this.agents = agents;
    this.store = store;
  }

  List<Route> routes() {
    return List.of(
        Route.post("/api/chat", Route.Access.USER, this::chat),
        Route.post("/api/chat/stream", Route.Access.USER, this::stream),
        Route.get("/api/conversations", Route.Access.USER, this::conversations),
        Route.get("/api/conversations/{id}", Route.Access.USER, this::conversation),
        Route.delete("/api/conversations/{id}", Route.Access.USER, this::deleteConversation),
        Route.post("/api/feedback", Route.Access.USER, this::feedback),
        Route.get("/api/answers/{id}", Route.Access.USER, this::answer));
  }

  /** The agent, user, conversation and question of a chat request, checked. */
  private record Question(String agentId, String userId, String conversationId, String text) {}

  private Question question(Context ctx) {
    Principal principal = Http.principal(ctx);
    ChatBody body = http.body(ctx, ChatBody.class);
    String message = body.message();
    if (message == null) {
      throw ApiException.badRequest(ErrorJson.INVALID_INPUT, "The field message is required.");
    }
    String agentId = agents.resolveId(body.agent());
    String conversationId = body.conversationId();
    if (conversationId == null || conversationId.isBlank()) {
      conversationId = UUID.randomUUID().toString();
    } else if (!owns(agentId, principal.userId(), conversationId)) {
      throw ApiException.notFound("Conversation");
    }
    return new Question(agentId, principal.userId(), conversationId, message);
  }

  /** Answers with the agent named, on its configuration of the moment (held until answered). */
  private void chat(Context ctx) {
    Question q = question(ctx);
    Answer answer;
    try (AgentDirectory.Hold hold = agents.resolve(q.agentId())) {
      answer = hold.agent().ask(q.userId(), q.conversationId(), q.text());
    }
    http.json(ctx, 200, AnswerJson.of(answer));
  }

  /**
   * Server-sent events: {@code token} events ({@code {"text"}}), then one {@code answer} event
   * holding the same object as {@code POST /api/chat}, or one {@code error} event. A client that
   * goes away cancels the answer.
   */
  private void stream(Context ctx) {
    Question q = question(ctx);
    try (AgentDirectory.Hold hold = agents.resolve(q.agentId())) {
      stream(ctx, q, hold.agent());
    }
  }

  private void stream(Context ctx, Question q, ElaviraAgent agent) {
    EventStream events = new EventStream(ctx, http.mapper());
    AnswerStream stream =
        agent.stream(
            q.userId(),
            q.conversationId(),
            q.text(),
            token -> events.send("token", Map.of("text", token)));
    try {
      Answer answer = stream.await();
      events.send("answer", AnswerJson.of(answer));
    } catch (UncheckedIOException gone) {
      stream.cancel();
    } catch (RuntimeException e) {
      ErrorMapping.Mapped mapped = ErrorMapping.map(e);
      events.sendQuietly("error", ErrorJson.body(mapped.type(), mapped.message()));
    }
  }

  private void conversations(Context ctx) {
    Principal principal = Http.principal(ctx);
    ConversationStore conversations = store.conversations();
    List<ConversationView> views = new ArrayList<>();
    try (AgentDirectory.Hold hold = agents.resolve(ctx.queryParam("agent"))) {
      ElaviraAgent agent = hold.agent();
      for (String id : conversations.conversationIds(agent.agentId(), principal.userId())) {
        List<StoredMessage> last = agent.history(id, 1);
        views.add(
            last.isEmpty()
                ? new ConversationView(id, null, null)
                : new ConversationView(
                    id, preview(last.get(0).content()), last.get(0).createdAt().toString()));
      }
    }
    http.json(ctx, 200, Map.of("conversations", views));
  }

  private void conversation(Context ctx) {
    Principal principal = Http.principal(ctx);
    String id = ctx.pathParam("id");
    if (!owns(agents.resolveId(ctx.queryParam("agent")), principal.userId(), id)) {
      throw ApiException.notFound("Conversation");
    }
    List<StoredMessage> history;
    try (AgentDirectory.Hold hold = agents.resolve(ctx.queryParam("agent"))) {
      history = hold.agent().history(id, MAX_HISTORY);
    }
    List<MessageView> messages =
        history.stream()
            .map(
                m ->
                    new MessageView(
                        m.role().name().toLowerCase(java.util.Locale.ROOT),
                        m.content(),
                        m.createdAt().toString(),
                        m.traceId(),
                        m.provider(),
                        m.model()))
            .toList();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("messages", messages);
    http.json(ctx, 200, view);
  }

  private void deleteConversation(Context ctx) {
    Principal principal = Http.principal(ctx);
    String agentId = agents.resolveId(ctx.queryParam("agent"));
    if (!store.conversations().delete(agentId, principal.userId(), ctx.pathParam("id"))) {
      throw ApiException.notFound("Conversation");
    }
    ctx.status(204);
  }

  private void feedback(Context ctx) {
    Principal principal = Http.principal(ctx);
    FeedbackBody body = http.body(ctx, FeedbackBody.class);
    String traceId = Http.required(body.traceId(), "traceId");
    Http.limited(traceId, "traceId", MAX_ID_CHARS);
    String comment = Http.limited(body.comment(), "comment", MAX_COMMENT_CHARS);
    Rating rating;
    try {
      rating = Rating.parse(Http.required(body.rating(), "rating"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "A rating is \"+1\" or \"-1\" (thumbs) or \"1\" to \"5\".");
    }
    String agentId = agents.resolveId(ctx.queryParam("agent"));
    String conversation = store.conversations().conversationOfTrace(traceId).orElse(null);
    if (conversation == null || !owns(agentId, principal.userId(), conversation)) {
      throw ApiException.notFound("Answer");
    }
    var stored = store.feedback().give(traceId, principal.userId(), rating, comment);
    http.json(
        ctx,
        201,
        Map.of(
            "traceId",
            traceId,
            "rating",
            rating.value(),
            "scale",
            rating.scale().name(),
            "createdAt",
            stored.createdAt().toString()));
  }

  /**
   * The stored trace of one of the caller's answers: its route and why, its attempts, and every
   * consensus worker's answer or failure. Another user's answer is 404, as an unknown one is.
   */
  private void answer(Context ctx) {
    Principal principal = Http.principal(ctx);
    String traceId = ctx.pathParam("id");
    if (traceId.length() > MAX_ID_CHARS) {
      throw ApiException.notFound("Answer");
    }
    AnswerTrace trace =
        store
            .conversations()
            .answer(principal.userId(), traceId)
            .orElseThrow(() -> ApiException.notFound("Answer"));
    http.json(ctx, 200, AnswerTraceJson.of(trace));
  }

  private boolean owns(String agentId, String userId, String conversationId) {
    if (conversationId.length() > MAX_ID_CHARS) {
      return false;
    }
    return store.conversations().conversationIds(agentId, userId).contains(conversationId);
  }

  private static String preview(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= PREVIEW_CHARS ? line : line.substring(0, PREVIEW_CHARS) + "…";
  }
}
