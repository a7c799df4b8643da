package io.elavira.ingest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.ingest.chat.Conversation.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * Readers of the exports with simpler shapes: Mistral Le Chat (one {@code chat-<uuid>.json} per
 * chat, a bare array of messages), Grok ({@code conversation} plus {@code responses}), and Gemini
 * (Google Takeout {@code MyActivity.json}: prompts and HTML answers, grouped into sessions by the
 * thread in {@code titleUrl}). Stateless.
 */
final class OtherReaders {
  private static final Pattern CHAT_FILE =
      Pattern.compile("chat-([0-9a-fA-F-]{8,})\\.json$", Pattern.CASE_INSENSITIVE);
  private static final Pattern GEMINI_THREAD = Pattern.compile("/app/(?:c/)?([A-Za-z0-9_-]+)");
  private static final String PROMPTED = "Prompted ";

  private OtherReaders() {}

  static void leChat(JsonNode messages, String fileName, Export into) {
    into.platform("lechat");
    Matcher matcher = CHAT_FILE.matcher(fileName);
    String id = matcher.find() ? matcher.group(1) : fileName;
    List<Turn> turns = new ArrayList<>();
    List<String> path = new ArrayList<>();
    for (JsonNode message : messages) {
      String messageId = Json.text(message, "id", "m" + path.size());
      path.add(messageId);
      String text = Json.text(message, "content", "");
      if (text.isBlank()) {
        List<String> chunks = new ArrayList<>();
        for (JsonNode chunk : message.path("contentChunks")) {
          String chunkText = Json.text(chunk, "text");
          if (chunkText != null) {
            chunks.add(chunkText);
          }
        }
        text = String.join("\n", chunks);
      }
      for (JsonNode file : message.path("files")) {
        into.warnings.add("attachment not included: " + Json.text(file, "name", "file"));
      }
      if (!text.isBlank()) {
        turns.add(
            new Turn(
                messageId,
                Json.speaker(Json.text(message, "role")),
                text.strip(),
                Json.iso(Json.text(message, "createdAt")),
                Json.text(message, "model")));
      }
    }
    into.conversations.add(new Conversation(id, null, turns, path, List.of(), List.of()));
  }

  static void grok(JsonNode root, Export into) {
    into.platform("grok");
    JsonNode list = root.has("conversations") ? root.get("conversations") : root;
    for (JsonNode item : list.isArray() ? list : List.of(list)) {
      JsonNode conversation = item.path("conversation");
      if (conversation.isMissingNode()) {
        continue; // projects, tasks and other items of the export
      }
      List<Turn> turns = new ArrayList<>();
      List<String> path = new ArrayList<>();
      for (JsonNode wrapper : item.path("responses")) {
        JsonNode response = wrapper.has("response") ? wrapper.get("response") : wrapper;
        String id = Json.text(response, "_id", Json.text(response, "id", "r" + path.size()));
        path.add(id);
        String text = Json.text(response, "message", "");
        if (!text.isBlank()) {
          turns.add(
              new Turn(
                  id,
                  Json.speaker(Json.text(response, "sender")),
                  text.strip(),
                  grokTime(response.get("create_time")),
                  Json.text(response, "model")));
        }
      }
      into.conversations.add(
          new Conversation(
              Json.text(conversation, "id", "grok"),
              Json.text(conversation, "title"),
              turns,
              path,
              List.of(),
              List.of()));
    }
  }

  /** {"$date":{"$numberLong":"<ms>"}}, {"$date":"<iso>"}, an ISO string or epoch seconds. */
  private static @Nullable Instant grokTime(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return Json.iso(value.textValue());
    }
    JsonNode date = value.path("$date");
    if (date.isTextual()) {
      return Json.iso(date.textValue());
    }
    JsonNode millis = date.path("$numberLong");
    if (millis.isTextual() || millis.isNumber()) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(millis.asText()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return Json.epochSeconds(value);
  }

  static void gemini(JsonNode records, Export into) {
    into.platform("gemini");
    List<JsonNode> prompts = new ArrayList<>();
    int skipped = 0;
    for (JsonNode record : records) {
      String title = Json.text(record, "title", "");
      boolean answered =
          record.path("safeHtmlItem").isArray() && !record.path("safeHtmlItem").isEmpty();
      if (title.startsWith(PROMPTED) || answered) {
        prompts.add(record);
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      into.warnings.add(skipped + " Gemini activity record(s) that are not prompts were skipped");
    }
    prompts.sort(Comparator.comparing(r -> Json.text(r, "time", "")));
    Map<String, List<JsonNode>> sessions = new LinkedHashMap<>();
    for (JsonNode record : prompts) {
      String url = Json.text(record, "titleUrl");
      Matcher thread = url == null ? null : GEMINI_THREAD.matcher(url);
      String key =
          thread != null && thread.find()
              ? thread.group(1)
              : "activity-" + Json.text(record, "time", Integer.toString(sessions.size()));
      sessions.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }
    for (Map.Entry<String, List<JsonNode>> session : sessions.entrySet()) {
      List<Turn> turns = new ArrayList<>();
      List<String> path = new ArrayList<>();
      for (JsonNode record : session.getValue()) {
        Instant time = Json.iso(Json.text(record, "time"));
        String prompt = prompt(Json.text(record, "title", ""));
        String id = session.getKey() + "#" + path.size();
        path.add(id);
        turns.add(new Turn(id, "user", prompt, time, null));
        List<String> answer = new ArrayList<>();
        for (JsonNode item : record.path("safeHtmlItem")) {
          String text = Jsoup.parse(Json.text(item, "html", "")).wholeText().strip();
          if (!text.isEmpty()) {
            answer.add(text);
          }
        }
        for (JsonNode file : record.path("attachedFiles")) {
          into.warnings.add("attachment not included: " + Json.text(file, "name", "file"));
        }
        if (!answer.isEmpty()) {
          String answerId = session.getKey() + "#" + path.size();
          path.add(answerId);
          turns.add(new Turn(answerId, "assistant", String.join("\n", answer), time, null));
        }
      }
      into.conversations.add(
          new Conversation(session.getKey(), null, turns, path, List.of(), List.of()));
    }
  }

  /** The prompt without its "Prompted " prefix, or a localised "...: " prefix. */
  private static String prompt(String title) {
    if (title.startsWith(PROMPTED)) {
      return title.substring(PROMPTED.length()).strip();
    }
    int colon = title.indexOf(": ");
    return colon > 0 && colon <= 30 ? title.substring(colon + 2).strip() : title.strip();
  }
}
