package io.elavira.ingest.chat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.ingest.chat.Conversation.Attachment;
import io.elavira.ingest.chat.Conversation.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders what was read from an export as blocks and document metadata. Stateless. */
final class ChatBlocks {
  /** Turn metadata key: "user", "assistant"... */
  static final String SPEAKER_KEY = "speaker";

  /** Turn metadata key: when the turn was said, ISO-8601 UTC. */
  static final String TIME_KEY = "timestamp";

  /** Turn metadata key: the model that answered, when the export says. */
  static final String MODEL_KEY = "model";

  /** Turn metadata key: the conversation's id on its platform. */
  static final String CONVERSATION_KEY = "conversationId";

  /** Turn metadata key: the message's id on its platform. */
  static final String MESSAGE_KEY = "messageId";

  private ChatBlocks() {}

  static List<Block> of(Export export) {
    List<Block> blocks = new ArrayList<>();
    for (Conversation conversation : export.conversations) {
      String section =
          conversation.title() == null || conversation.title().isBlank()
              ? "Conversation " + conversation.id()
              : conversation.title().strip();
      for (Turn turn : conversation.turns()) {
        blocks.add(turn(turn, section, conversation.id()));
      }
      for (Turn turn : conversation.offPath()) {
        blocks.add(turn(turn, section + " > other branches", conversation.id()));
      }
      for (Attachment attachment : conversation.attachments()) {
        blocks.add(
            new Block(
                BlockType.PARAGRAPH,
                attachment.text(),
                section + " > attachment " + attachment.name(),
                null,
                Map.of(CONVERSATION_KEY, conversation.id())));
      }
    }
    for (Export.Note note : export.notes) {
      blocks.add(new Block(BlockType.PARAGRAPH, note.text(), note.section(), null));
    }
    return blocks;
  }

  private static Block turn(Turn turn, String section, String conversationId) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(SPEAKER_KEY, turn.speaker());
    metadata.put(CONVERSATION_KEY, conversationId);
    metadata.put(MESSAGE_KEY, turn.id());
    if (turn.time() != null) {
      metadata.put(TIME_KEY, turn.time().toString());
    }
    if (turn.model() != null) {
      metadata.put(MODEL_KEY, turn.model());
    }
    String label =
        turn.speaker().isEmpty()
            ? "Unknown"
            : turn.speaker().substring(0, 1).toUpperCase(Locale.ROOT) + turn.speaker().substring(1);
    return new Block(BlockType.TURN, label + ": " + turn.text(), section, null, metadata);
  }

  static Map<String, String> metadata(Export export) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("platform", String.join(",", export.platforms));
    metadata.put("conversations", Integer.toString(export.conversations.size()));
    if (!export.warnings.isEmpty()) {
      metadata.put("warnings", String.join("; ", export.warnings));
    }
    return metadata;
  }
}
