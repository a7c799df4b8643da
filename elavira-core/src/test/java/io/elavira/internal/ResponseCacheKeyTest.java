package io.elavira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.JsonSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every field that can change the answer changes the response cache key. */
class ResponseCacheKeyTest {
  static final List<ChatMessage> PROMPT =
      List.of(ChatMessage.system("Answer from the passages."), ChatMessage.user("Fees?"));

  private static String key(ChatRequest request) {
    return ResponseCacheKey.of("agent", "ollama", "llama3.2", null, 7, request);
  }

  @Test
  void isTheSameForTheSameRequest() {
    ChatRequest request = ChatRequest.builder(PROMPT).temperature(0.0).build();

    assertThat(key(request)).isEqualTo(key(ChatRequest.builder(PROMPT).temperature(0.0).build()));
    assertThat(key(request)).hasSize(64).doesNotContain("Fees");
  }

  @Test
  void differsWhenAnyFieldDiffers() {
    ChatRequest base = ChatRequest.builder(PROMPT).temperature(0.0).build();
    List<String> keys = new ArrayList<>();
    keys.add(key(base));
    keys.add(ResponseCacheKey.of("other-agent", "ollama", "llama3.2", null, 7, base));
    keys.add(ResponseCacheKey.of("agent", "openai", "llama3.2", null, 7, base));
    keys.add(ResponseCacheKey.of("agent", "ollama", "qwen3", null, 7, base));
    keys.add(ResponseCacheKey.of("agent", "ollama", "llama3.2", "alice", 7, base));
    keys.add(ResponseCacheKey.of("agent", "ollama", "llama3.2", "bob", 7, base));
    keys.add(ResponseCacheKey.of("agent", "ollama", "llama3.2", null, 8, base));
    keys.add(key(ChatRequest.builder(PROMPT).temperature(0.2).build()));
    keys.add(key(ChatRequest.builder(PROMPT).build()));
    keys.add(key(ChatRequest.builder(PROMPT).temperature(0.0).maxOutputTokens(100).build()));
    keys.add(key(ChatRequest.builder(PROMPT).temperature(0.0).seed(42L).build()));
    keys.add(
        key(ChatRequest.builder(PROMPT).temperature(0.0).stopSequences(List.of("END")).build()));
    keys.add(
        key(
            ChatRequest.builder(PROMPT)
                .temperature(0.0)
                .jsonSchema(new JsonSchema("answer", "{\"type\":\"object\"}"))
                .build()));
    keys.add(
        key(
            ChatRequest.builder(
                    List.of(
                        ChatMessage.system("Answer from the passages."), ChatMessage.user("Fees!")))
                .temperature(0.0)
                .build()));
    keys.add(
        key(
            ChatRequest.builder(
                    List.of(
                        ChatMessage.user("Answer from the passages."), ChatMessage.user("Fees?")))
                .temperature(0.0)
                .build()));
    // The same characters split differently between messages.
    keys.add(
        key(
            ChatRequest.builder(List.of(ChatMessage.system("Answer from the passages.Fees?")))
                .temperature(0.0)
                .build()));

    Set<String> distinct = new HashSet<>(keys);
    assertThat(distinct).hasSameSizeAs(keys);
  }
}
