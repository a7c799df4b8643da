package io.elavira.ingest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.ingest.chat.Conversation.Attachment;
import io.elavira.ingest.chat.Conversation.Turn;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads Claude.ai exports: {@code conversations.json} ({@code chat_messages} with {@code sender},
 * {@code text} and typed {@code content} blocks; text blocks read, tool and unknown blocks
 * tolerated and skipped; attachments' {@code extracted_content} kept as their own texts), the newer
 * {@code design_chats/*.json} dialect, {@code projects/*.json} (description and documents) and
 * {@code memories.json} (the conversations memory and memory files). Stateless.
 */
final class ClaudeReader {
  private ClaudeReader() {}

  static void conversations(JsonNode root, Export into) {
    into.platform("claude");
    for (JsonNode conversation : root.isArray() ? root : List.of(root)) {
      List<Turn> turns = new ArrayList<>();
      List<String> path = new ArrayList<>();
      List<Attachment> attachments = new ArrayList<>();
      for (JsonNode message : conversation.path("chat_messages")) {
        String id = Json.text(message, "uuid", "m" + path.size());
        path.add(id);
        String text = messageText(message);
        if (!text.isBlank()) {
          turns.add(
              new Turn(
                  id,
                  Json.speaker(Json.text(message, "sender")),
                  text,
                  Json.iso(Json.text(message, "created_at")),
                  null));
        }
        attachments(message.path("attachments"), attachments, into);
        for (JsonNode file : message.path("files")) {
          into.warnings.add(
              "attachment not included: " + Json.text(file, "file_name", "unnamed file"));
        }
      }
      into.conversations.add(
          new Conversation(
              Json.text(conversation, "uuid", "unknown"),
              Json.text(conversation, "name"),
              turns,
              path,
              List.of(),
              attachments));
    }
  }

  private static String messageText(JsonNode message) {
    List<String> texts = new ArrayList<>();
    JsonNode content = message.path("content");
    if (content.isArray() && !content.isEmpty()) {
      for (JsonNode block : content) {
        if ("text".equals(Json.text(block, "type"))) {
          texts.add(Json.text(block, "text", ""));
        }
        // tool_use, tool_result, thinking and block types unknown today carry no answer text
      }
    }
    if (texts.stream().allMatch(String::isBlank)) {
      texts.clear();
      texts.add(Json.text(message, "text", ""));
    }
    return String.join("\n", texts).strip();
  }

  private static void attachments(JsonNode list, List<Attachment> out, Export into) {
    for (JsonNode attachment : list) {
      String name = Json.text(attachment, "file_name", Json.text(attachment, "name", "attachment"));
      String text =
          Json.text(attachment, "extracted_content", Json.text(attachment, "content", ""));
      if (!text.isBlank()) {
        out.add(new Attachment(name, text.strip()));
      } else {
        into.warnings.add("attachment not included: " + name);
      }
    }
  }

  static void designChat(JsonNode chat, Export into) {
    into.platform("claude");
    List<Turn> turns = new ArrayList<>();
    List<String> path = new ArrayList<>();
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode message : chat.path("messages")) {
      JsonNode inner = message.path("content");
      String id = Json.text(message, "uuid", Json.text(inner, "id", "m" + path.size()));
      path.add(id);
      List<String> texts = new ArrayList<>();
      String plain = Json.text(inner, "content", "");
      if (!plain.isBlank()) {
        texts.add(plain);
      }
      for (JsonNode block : inner.path("contentBlocks")) {
        if ("text".equals(Json.text(block, "type"))) {
          texts.add(Json.text(block, "text", ""));
        }
      }
      attachments(inner.path("attachments"), attachments, into);
      String text = String.join("\n", texts).strip();
      if (!text.isEmpty()) {
        String time = Json.text(message, "created_at", Json.text(inner, "timestamp", ""));
        String role = Json.text(message, "role");
        turns.add(
            new Turn(
                id,
                Json.speaker(role != null ? role : Json.text(inner, "role")),
                text,
                Json.iso(time),
                null));
      }
    }
    String project = Json.text(chat.path("project"), "name");
    String title = Json.text(chat, "title");
    into.conversations.add(
        new Conversation(
            Json.text(chat, "uuid", "design-chat"),
            project == null ? title : project + " > " + (title == null ? "Chat" : title),
            turns,
            path,
            List.of(),
            attachments));
  }

  static void project(JsonNode root, Export into) {
    into.platform("claude");
    // projects/<id>.json holds one project; the flat layout's projects.json a list of them.
    for (JsonNode project : root.isArray() ? root : List.of(root)) {
      projectOne(project, into);
    }
  }

  private static void projectOne(JsonNode project, Export into) {
    String name = "Project: " + Json.text(project, "name", "unnamed");
    note(into, name, Json.text(project, "description"));
    note(into, name, Json.text(project, "prompt_template"));
    for (JsonNode doc : project.path("docs")) {
      note(into, name + " > " + Json.text(doc, "filename", "document"), Json.text(doc, "content"));
    }
  }

  static void memories(JsonNode root, Export into) {
    into.platform("claude");
    for (JsonNode entry : root.isArray() ? root : List.of(root)) {
      note(into, "Memory: conversations memory", Json.text(entry, "conversations_memory"));
      // The flat layout: one row per memory, with its own title.
      note(into, "Memory: " + Json.text(entry, "title", "memory"), Json.text(entry, "content"));
      for (JsonNode file : entry.path("memory_files")) {
        note(into, "Memory: " + Json.text(file, "path", "file"), Json.text(file, "content"));
      }
    }
  }

  private static void note(Export into, String section, @Nullable String text) {
    if (text != null && !text.isBlank()) {
      into.notes.add(new Export.Note(section, text.strip()));
    }
  }
}
