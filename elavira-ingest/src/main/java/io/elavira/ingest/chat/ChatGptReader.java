package io.elavira.ingest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.ingest.chat.Conversation.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads ChatGPT's {@code conversations.json} (and its shards): the {@code mapping} tree of each
 * conversation is walked from {@code current_node} up to the root, which gives the active branch
 * (regenerated answers left aside); system, tool and hidden messages are not turns; {@code text},
 * {@code multimodal_text} (text parts and audio transcriptions) and {@code code} content is read,
 * reasoning ({@code thoughts}) is not the answer and is skipped. Stateless.
 */
final class ChatGptReader {
  private ChatGptReader() {}

  static void read(JsonNode root, Export into, boolean keepOffPath) {
    into.platform("chatgpt");
    if (root.isArray()) {
      for (JsonNode conversation : root) {
        into.conversations.add(conversation(conversation, keepOffPath));
      }
    } else if (root.isObject()) {
      into.conversations.add(conversation(root, keepOffPath));
    }
  }

  /** The shards the manifest lists for {@code conversations.json}, in order. */
  static List<String> shards(JsonNode manifest) {
    List<String> shards = new ArrayList<>();
    JsonNode files = manifest.path("logical_files").path("conversations.json").path("files");
    files.forEach(f -> shards.add(f.asText()));
    return shards;
  }

  static Conversation conversation(JsonNode node, boolean keepOffPath) {
    String id = Json.text(node, "conversation_id", Json.text(node, "id", "unknown"));
    JsonNode mapping = node.path("mapping");
    List<String> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String current = Json.text(node, "current_node");
    while (current != null && seen.add(current) && mapping.has(current)) {
      JsonNode entry = mapping.get(current);
      if (entry.hasNonNull("message")) {
        path.add(current);
      }
      current = Json.text(entry, "parent");
    }
    Collections.reverse(path);
    List<Turn> turns = new ArrayList<>();
    for (String messageId : path) {
      Turn turn = turn(messageId, mapping.get(messageId).get("message"));
      if (turn != null) {
        turns.add(turn);
      }
    }
    List<Turn> offPath = new ArrayList<>();
    if (keepOffPath) {
      for (Map.Entry<String, JsonNode> e : mapping.properties()) {
        if (!path.contains(e.getKey()) && e.getValue().hasNonNull("message")) {
          Turn turn = turn(e.getKey(), e.getValue().get("message"));
          if (turn != null) {
            offPath.add(turn);
          }
        }
      }
    }
    return new Conversation(id, Json.text(node, "title"), turns, path, offPath, List.of());
  }

  private static @Nullable Turn turn(String id, JsonNode message) {
    String role = message.path("author").path("role").asText("");
    if (role.equals("system") || role.equals("tool")) {
      return null;
    }
    if (message.path("metadata").path("is_visually_hidden_from_conversation").asBoolean(false)) {
      return null;
    }
    String text = Json.withoutPrivateUse(content(message.path("content"))).strip();
    if (text.isEmpty()) {
      return null;
    }
    Instant time = Json.epochSeconds(message.get("create_time"));
    String model = Json.text(message.path("metadata"), "model_slug");
    return new Turn(id, Json.speaker(role), text, time, model);
  }

  private static String content(JsonNode content) {
    String type = content.path("content_type").asText("");
    List<String> texts = new ArrayList<>();
    switch (type) {
      case "text", "multimodal_text" -> {
        for (JsonNode part : content.path("parts")) {
          if (part.isTextual()) {
            texts.add(part.textValue());
          } else if (part.isObject()
              && "audio_transcription".equals(Json.text(part, "content_type"))) {
            texts.add(Json.text(part, "text", ""));
          }
        }
      }
      case "code" -> texts.add(Json.text(content, "text", ""));
      default -> {} // thoughts, reasoning_recap, tether_browsing_display...: not the answer
    }
    return String.join("\n", texts);
  }
}
