package io.elavira.llm;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is sent to a model: the messages and the sampling options.
 *
 * @param messages the conversation, oldest first; at least one message
 * @param model the model to use, or null for the provider's configured default
 * @param temperature sampling temperature, or null for the provider's default
 * @param maxOutputTokens the most tokens to generate, or null for the provider's default
 */
public record ChatRequest(
    List<ChatMessage> messages,
    @Nullable String model,
    @Nullable Double temperature,
    @Nullable Integer maxOutputTokens) {

  /** Copies the messages and validates the options. */
  public ChatRequest {
    Objects.requireNonNull(messages, "messages");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
    }
    if (maxOutputTokens != null && maxOutputTokens < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + maxOutputTokens);
    }
  }

  /** A request with the provider's default model and options. */
  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, null, null, null);
  }
}
