package io.elavira.ingest.chat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The export shapes this package reads, recognised from the first bytes of a file. */
enum Platform {
  CHATGPT("chatgpt"),
  CHATGPT_MANIFEST("chatgpt"),
  CLAUDE("claude"),
  CLAUDE_DESIGN_CHAT("claude"),
  CLAUDE_PROJECT("claude"),
  CLAUDE_MEMORIES("claude"),
  LE_CHAT("lechat"),
  GROK("grok"),
  GEMINI("gemini");

  final String label;

  Platform(String label) {
    this.label = label;
  }

  private static Pattern key(String name) {
    return Pattern.compile("\"" + name + "\"\\s*:");
  }

  private static final Pattern MAPPING = key("mapping");
  private static final Pattern CURRENT_NODE = key("current_node");
  private static final Pattern LOGICAL_FILES = key("logical_files");
  private static final Pattern CHAT_MESSAGES = key("chat_messages");
  private static final Pattern CONTENT_BLOCKS = key("contentBlocks");
  private static final Pattern MESSAGES = key("messages");
  private static final Pattern DOCS = key("docs");
  private static final Pattern PROMPT_TEMPLATE = key("prompt_template");
  private static final Pattern CONVERSATIONS_MEMORY = key("conversations_memory");
  private static final Pattern MEMORY_FILES = key("memory_files");
  private static final Pattern RESPONSES = key("responses");
  private static final Pattern UUID = key("uuid");
  private static final Pattern NAME = key("name");
  private static final Pattern TITLE = key("title");
  private static final Pattern CONTENT = key("content");
  private static final Pattern CONVERSATION = key("conversation");
  private static final Pattern SENDER = key("sender");
  private static final Pattern CONTENT_CHUNKS = key("contentChunks");
  private static final Pattern ROLE = key("role");
  private static final Pattern CREATED_AT_CAMEL = key("createdAt");
  private static final Pattern HEADER = key("header");
  private static final Pattern GEMINI_PRODUCT =
      Pattern.compile("\"(?:header|products)\"\\s*:\\s*\\[?\\s*\"Gemini");

  /**
   * The shape of a JSON export whose first bytes these are, or null when it is not one.
   *
   * @param head the first bytes of the file
   * @param fileName a hint for the shapes with nothing distinctive (Claude's flat memories)
   */
  static @Nullable Platform detect(byte[] head, String fileName) {
    String text = new String(head, StandardCharsets.UTF_8);
    if (found(MAPPING, text) && found(CURRENT_NODE, text)) {
      return CHATGPT;
    }
    if (found(LOGICAL_FILES, text) && text.contains("\"conversations.json\"")) {
      return CHATGPT_MANIFEST;
    }
    if (found(CHAT_MESSAGES, text)) {
      return CLAUDE;
    }
    if (found(MESSAGES, text) && found(CONTENT_BLOCKS, text)) {
      return CLAUDE_DESIGN_CHAT;
    }
    if (found(DOCS, text) && found(PROMPT_TEMPLATE, text)) {
      return CLAUDE_PROJECT;
    }
    if (found(CONVERSATIONS_MEMORY, text) || found(MEMORY_FILES, text)) {
      return CLAUDE_MEMORIES;
    }
    // The flat (v1) layout's side files are plain arrays of rows with nothing distinctive but
    // their file name: projects.json (uuid, name, description) and memories.json (uuid, title,
    // content).
    boolean rows = text.stripLeading().startsWith("[") && found(UUID, text);
    if (rows && fileName.equals("projects.json") && found(NAME, text)) {
      return CLAUDE_PROJECT;
    }
    if (rows && fileName.equals("memories.json") && found(TITLE, text) && found(CONTENT, text)) {
      return CLAUDE_MEMORIES;
    }
    if (found(RESPONSES, text) && found(CONVERSATION, text) && found(SENDER, text)) {
      return GROK;
    }
    if (text.stripLeading().startsWith("[")
        && found(ROLE, text)
        && (found(CONTENT_CHUNKS, text) || found(CREATED_AT_CAMEL, text))) {
      return LE_CHAT;
    }
    if (found(HEADER, text) && GEMINI_PRODUCT.matcher(text).find()) {
      return GEMINI;
    }
    return null;
  }

  private static boolean found(Pattern pattern, String text) {
    return pattern.matcher(text).find();
  }
}
