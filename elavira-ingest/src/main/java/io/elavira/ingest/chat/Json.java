package io.elavira.ingest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Small readers of JSON values shared by the export readers. Stateless. */
final class Json {
  /**
   * ChatGPT's citation markers: private-use characters around a reference ({@code \uE200cite
   * \uE202turn0search0\uE201}), meaningless outside the app.
   */
  private static final Pattern CITATION = Pattern.compile("\\uE200[^\\uE201]*\\uE201");

  private static final Pattern PRIVATE_USE = Pattern.compile("[\\uE000-\\uF8FF]");

  private Json() {}

  /** The text at {@code field}, or null when absent, null or not text. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The text at {@code field}, or the fallback. */
  static String text(JsonNode node, String field, String fallback) {
    String value = text(node, field);
    return value == null ? fallback : value;
  }

  /** An ISO-8601 timestamp ("2026-08-01T10:00:00Z", offsets and microseconds allowed), or null. */
  static @Nullable Instant iso(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  /** Epoch seconds, possibly fractional, or null. */
  static @Nullable Instant epochSeconds(@Nullable JsonNode value) {
    if (value == null || !value.isNumber()) {
      return null;
    }
    double seconds = value.doubleValue();
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000_000L));
  }

  /** The text without ChatGPT's citation markers and other private-use characters. */
  static String withoutPrivateUse(String text) {
    return PRIVATE_USE.matcher(CITATION.matcher(text).replaceAll("")).replaceAll("");
  }

  /** "user" or "assistant" for the many spellings platforms use; others lower-cased. */
  static String speaker(@Nullable String raw) {
    if (raw == null) {
      return "unknown";
    }
    String role = raw.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (role) {
      case "human", "user", "you" -> "user";
      case "assistant", "ai", "bot", "grok", "model", "claude", "chatgpt", "le chat" -> "assistant";
      default -> role;
    };
  }
}
