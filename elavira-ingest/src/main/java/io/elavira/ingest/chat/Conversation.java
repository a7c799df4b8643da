package io.elavira.ingest.chat;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One conversation read from an export, in the platform-neutral shape the renderer turns into
 * blocks.
 *
 * @param id the platform's id, or one made from the file
 * @param title the title, or null when the platform keeps none
 * @param turns the turns of the active branch, in order, system and tool turns already left out
 * @param path the ids of the messages on the active branch from the root, hidden ones included
 * @param offPath turns on other branches (regenerated answers), empty unless asked for
 * @param attachments attachments whose text the export carries
 */
record Conversation(
    String id,
    @Nullable String title,
    List<Turn> turns,
    List<String> path,
    List<Turn> offPath,
    List<Attachment> attachments) {

  /** What one speaker said once. */
  record Turn(
      String id, String speaker, String text, @Nullable Instant time, @Nullable String model) {}

  /** A file attached to a conversation, with the text the export extracted from it. */
  record Attachment(String name, String text) {}
}
