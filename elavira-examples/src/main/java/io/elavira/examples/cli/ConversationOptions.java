package io.elavira.examples.cli;

import picocli.CommandLine.Option;

/** Who is asking and in which conversation: shared by {@code ask} and {@code chat}. */
final class ConversationOptions {

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      defaultValue = "default",
      description =
          "Conversation to continue; its history persists in the home (default: ${DEFAULT-VALUE}).")
  String conversationId;

  @Option(
      names = "--user",
      paramLabel = "ID",
      defaultValue = "local",
      description = "User asking (default: ${DEFAULT-VALUE}).")
  String userId;
}
