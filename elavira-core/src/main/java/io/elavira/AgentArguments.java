package io.elavira;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks {@link ElaviraAgent} makes on the arguments of its calls, before it looks at whether
 * it is open: a bad argument is an {@link IllegalArgumentException} (or a {@link
 * NullPointerException} naming it) even on a closed agent. Messages name the argument and show its
 * value; they never show a question or a document. Stateless.
 */
final class AgentArguments {
  private AgentArguments() {}

  /** A user and a conversation, neither blank. */
  static void ids(@Nullable String userId, @Nullable String conversationId) {
    user(userId);
    if (conversationId == null || conversationId.isBlank()) {
      throw new IllegalArgumentException(
          "conversationId must not be blank, got '" + conversationId + "'");
    }
  }

  /** A user, not blank. */
  static void user(@Nullable String userId) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank, got '" + userId + "'");
    }
  }

  /** The owner of a private document, not blank. */
  static void owner(@Nullable String ownerId) {
    if (ownerId == null || ownerId.isBlank()) {
      throw new IllegalArgumentException(
          "ownerId must not be blank, got '"
              + ownerId
              + "'; use index(document, chunks) for a document shared by every user");
    }
  }

  /** A count of messages, 0 or more. */
  static void maxMessages(int maxMessages) {
    if (maxMessages < 0) {
      throw new IllegalArgumentException("maxMessages must be >= 0, got " + maxMessages);
    }
  }

  /** A search: its text not blank (and not shown), its user not blank. */
  static void search(@Nullable String userId, String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    user(userId);
  }
}
