package io.elavira.generate;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A model for tests: answers each request with a function of it, and records the requests. */
final class ScriptedProvider implements LlmProvider {
  static final String MODEL = "scripted-model";

  private final Function<ChatRequest, ChatResponse> answer;
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  ScriptedProvider(Function<ChatRequest, ChatResponse> answer) {
    this.answer = answer;
  }

  /** A model answering {@code text} to everything, as its JSON when it is a JSON object. */
  static ScriptedProvider answering(Function<ChatRequest, String> text) {
    return new ScriptedProvider(
        r -> {
          String t = text.apply(r);
          ChatResponse.Builder b = ChatResponse.builder(t, MODEL, new TokenUsage(10, 10));
          if (r.jsonSchema() != null && t.strip().startsWith("{")) {
            b.json(t);
          }
          return b.build();
        });
  }

  List<ChatRequest> requests() {
    return requests;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public String defaultModel() {
    return MODEL;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    requests.add(request);
    return answer.apply(request);
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    return chat(request);
  }

  @Override
  public Health health() {
    return Health.up("scripted");
  }
}
