package io.elavira.ingest.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What was read from one export file or zip: conversations, other texts (projects, memories) and
 * warnings about what could not be read. Mutable while reading, on one thread.
 */
final class Export {
  /** A text that is not a conversation: a project description, a memory, a project document. */
  record Note(String section, String text) {}

  final List<Conversation> conversations = new ArrayList<>();
  final List<Note> notes = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> platforms = new ArrayList<>();

  void platform(String platform) {
    if (!platforms.contains(platform)) {
      platforms.add(platform);
    }
  }
}
