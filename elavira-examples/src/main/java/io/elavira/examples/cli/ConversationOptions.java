package io.elavira.examples.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which conversation {@code ask} and {@code chat} talk in: a new one by default, the user's last
 * one with {@code -c}, or a given one with {@code --conversation}.
 *
 * <p>Conversation ids are unique within a home and a conversation belongs to the user who started
 * it, so new conversations get a random id: two users never collide on one.
 */
final class ConversationOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      description = "Continue (or start) the conversation with this id.")
  private @Nullable String conversationId;

  @Option(
      names = {"-c", "--continue"},
      description = "Continue your last conversation (a new one when you have none).")
  private boolean continueLast;

  /** A new conversation id, unique in any home. */
  static String newConversationId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Checks the options before anything slow starts.
   *
   * @throws ParameterException when {@code --conversation} and {@code -c} are both given, or the id
   *     is blank
   */
  void validate() {
    if (conversationId != null && continueLast) {
      throw new ParameterException(
          mixee.commandLine(),
          "--conversation and --continue (-c) contradict each other: give one of them.");
    }
    if (conversationId != null && conversationId.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(), "--conversation is blank: give a conversation id.");
    }
  }

  /**
   * The conversation to talk in.
   *
   * @param session the agent, to look up the user's last conversation
   * @param userId who asks
   * @param err where a notice goes when there is no conversation to continue
   * @throws ParameterException when the options contradict each other or the id is blank
   * @throws IllegalArgumentException when {@code --conversation} names another user's conversation
   */
  String choose(AgentSession session, String userId, PrintWriter err) {
    validate();
    if (continueLast) {
      Optional<String> last = session.agent().lastConversationId(userId);
      if (last.isPresent()) {
        return last.get();
      }
      err.println("No earlier conversation of user " + userId + ": starting a new one.");
      err.flush();
      return newConversationId();
    }
    if (conversationId != null) {
      session.checkConversation(userId, conversationId);
      return conversationId;
    }
    return newConversationId();
  }
}
