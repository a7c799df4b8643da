package io.elavira.examples.apps;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A language model that answers at once with what a test's function writes, keeping requests. */
public final class InstantLlm implements LlmProvider {
  public static final String NAME = "instant";
  public static final String MODEL = "instant-1";

  private final Function<ChatRequest, String> reply;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  public InstantLlm(Function<ChatRequest, String> reply) {
    this.reply = reply;
  }

  /** The requests received, oldest first. */
  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The text of every message of {@code role} in {@code request}, in order. */
  public static List<String> contents(ChatRequest request, Role role) {
    return request.messages().stream()
        .filter(m -> m.role() == role)
        .map(ChatMessage::content)
        .toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultModel() {
    return MODEL;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    requests.add(request);
    String text = reply.apply(request);
    ChatResponse.Builder response = ChatResponse.builder(text, MODEL, new TokenUsage(10, 5));
    if (request.jsonSchema() != null) {
      response.json(text);
    }
    return response.build();
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    ChatResponse response = chat(request);
    listener.onToken(response.text());
    return response;
  }

  @Override
  public Health health() {
    return Health.up("instant answers");
  }
}
