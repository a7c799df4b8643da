package io.elavira.llm;

import java.util.Objects;

/**
 * One message sent to or received from a language model.
 *
 * @param role who wrote it
 * @param content its text, never null (may be empty)
 */
public record ChatMessage(Role role, String content) {
  /** Validates that neither field is null. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }

  /** Does not print the content: messages may hold private text. */
  @Override
  public String toString() {
    return "ChatMessage[role=" + role + ", chars=" + content.length() + "]";
  }
}
