package io.elavira.ingest.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.DetectingParser;
import io.elavira.ingest.PathAwareParser;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.ParseFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads chat-history exports, recognised by their content whatever the file is called: ChatGPT
 * ({@code conversations.json}, its shards and {@code export_manifest.json}), Claude.ai ({@code
 * conversations.json}, {@code design_chats/*.json}, {@code projects/*.json}, {@code
 * memories.json}), Mistral Le Chat ({@code chat-<uuid>.json}), Grok and Gemini (Takeout {@code
 * MyActivity.json}); or the {@code .zip} the platform sends, read in place.
 *
 * <pre>{@code
 * IngestionPipeline.builder().indexer(agent).build().ingest(List.of(Path.of("chatgpt-export.zip")));
 * }</pre>
 *
 * <p>Each conversation is a section named after its title (or its id when the platform keeps no
 * title); each turn is a {@link io.elavira.document.BlockType#TURN} block, "User: ..." or
 * "Assistant: ...", whose metadata holds {@value ChatBlocks#SPEAKER_KEY}, {@value
 * ChatBlocks#TIME_KEY} (ISO-8601), {@value ChatBlocks#MODEL_KEY} when known, {@value
 * ChatBlocks#CONVERSATION_KEY} and {@value ChatBlocks#MESSAGE_KEY}. Attachments whose text the
 * export carries, project documents and memories are paragraphs in sections of their own. The
 * document's metadata holds {@code platform}, {@code conversations} and {@code warnings} (what
 * could not be read: attachments not in the export, a shard listed but missing...).
 *
 * <p>Zip archives are checked against the zip-bomb limits before they are read; every {@code .json}
 * entry that is an export is read, other entries are ignored.
 *
 * <p>Immutable and thread-safe; the stream is read into memory and never closed.
 */
public final class ChatExportParser implements DetectingParser, PathAwareParser {
  /** The value of {@link Document#format()} for chat exports. */
  public static final String FORMAT = "chat";

  private static final Logger LOG = LoggerFactory.getLogger(ChatExportParser.class);
  private static final Set<String> EXTENSIONS = Set.of("json", "zip");
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final ObjectMapper mapper = new ObjectMapper();
  private final boolean keepOffPath;
  private final ArchiveGuard guard;

  private ChatExportParser(Builder builder) {
    this.keepOffPath = builder.keepOffPathBranches;
    this.guard =
        new ArchiveGuard(builder.maxArchiveExpandedBytes, builder.maxArchiveExpansionRatio);
  }

  /** A parser with the defaults: active branches only, default zip-bomb limits. */
  public ChatExportParser() {
    this(new Builder());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  @Override
  public boolean recognises(byte[] head, String fileName) {
    return startsWith(head, ZIP_MAGIC) || Platform.detect(head, fileName) != null;
  }

  /**
   * Parses an export file or zip.
   *
   * @throws IngestException UNSUPPORTED_FORMAT when it is JSON but no known export, CORRUPT when it
   *     is neither JSON nor zip, EMPTY when it holds no conversation text, TOO_LARGE (zip bomb)
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes = ArchiveGuard.readAll(content, fileName);
    try {
      return parse(head(bytes), () -> new ByteArrayInputStream(bytes), fileName, null);
    } catch (IOException e) {
      throw new IngestException(
          fileName, Reason.UNREADABLE, "Could not read '" + fileName + "' (I/O error).", e);
    }
  }

  /**
   * Parses an export file, checking that the shards an {@code export_manifest.json} lists exist
   * next to it.
   *
   * @throws IngestException as {@link #parse(InputStream, String)}, and UNREADABLE on I/O errors
   */
  @Override
  public Document parse(Path file) {
    String fileName = String.valueOf(file.getFileName());
    try {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(DETECTION_BYTES);
      }
      return parse(
          head, () -> Files.newInputStream(file), fileName, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IngestException(
          file.toString(), Reason.UNREADABLE, "Could not read '" + file + "' (I/O error).", e);
    }
  }

  /** Where the JSON of one export file is read from, as many times as needed. */
  private interface Source {
    InputStream open() throws IOException;
  }

  private static byte[] head(byte[] bytes) {
    return Arrays.copyOf(bytes, Math.min(bytes.length, DETECTION_BYTES));
  }

  private Document parse(byte[] head, Source source, String fileName, @Nullable Path folder)
      throws IOException {
    if (head.length == 0
        || new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1).isBlank()) {
      throw ParseFailures.empty(fileName);
    }
    Export export = new Export();
    if (startsWith(head, ZIP_MAGIC)) {
      try (InputStream in = source.open()) {
        readZip(ArchiveGuard.readAll(in, fileName), fileName, export);
      }
    } else {
      Platform platform = Platform.detect(head, fileName);
      if (platform == null) {
        JsonNode ignored = tree(source, fileName);
        throw new IngestException(
            fileName,
            Reason.UNSUPPORTED_FORMAT,
            "'"
                + fileName
                + "' is JSON ("
                + ignored.getNodeType()
                + ") but not a chat export this version reads "
                + "(ChatGPT, Claude, Le Chat, Grok, Gemini). Ingest it as plain JSON instead.");
      }
      if (platform == Platform.CHATGPT_MANIFEST) {
        manifest(tree(source, fileName), fileName, folder);
      }
      if (platform == Platform.CHATGPT || platform == Platform.CLAUDE) {
        stream(platform, source, fileName, export);
      } else {
        read(platform, tree(source, fileName), fileName, export);
      }
    }
    List<Block> blocks = ChatBlocks.of(export);
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    if (!export.warnings.isEmpty()) {
      // The warnings quote the export (attachment names, titles): only their count at INFO.
      LOG.info("{}: {} warning(s) while reading the export", fileName, export.warnings.size());
      LOG.debug("{}: warnings: {}", fileName, export.warnings);
    }
    return new Document(fileName, fileName, FORMAT, blocks, ChatBlocks.metadata(export));
  }

  /**
   * Reads an array of conversations one at a time, so a large export never becomes one JSON tree in
   * memory: only the conversations' text is kept.
   */
  private void stream(Platform platform, Source source, String fileName, Export export)
      throws IOException {
    try (InputStream in = source.open();
        JsonParser parser = mapper.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_ARRAY) {
        for (JsonToken token = parser.nextToken();
            token != null && token != JsonToken.END_ARRAY;
            token = parser.nextToken()) {
          JsonNode element = mapper.readTree(parser);
          if (element != null && element.isObject()) {
            read(platform, element, fileName, export);
          }
        }
      } else if (first == JsonToken.START_OBJECT) {
        read(platform, mapper.readTree(parser), fileName, export);
      }
    } catch (JsonProcessingException e) {
      throw notJson(fileName, e);
    }
  }

  private void read(Platform platform, JsonNode root, String fileName, Export export) {
    switch (platform) {
      case CHATGPT -> ChatGptReader.read(root, export, keepOffPath);
      case CLAUDE -> ClaudeReader.conversations(root, export);
      case CLAUDE_DESIGN_CHAT -> ClaudeReader.designChat(root, export);
      case CLAUDE_PROJECT -> ClaudeReader.project(root, export);
      case CLAUDE_MEMORIES -> ClaudeReader.memories(root, export);
      case LE_CHAT -> OtherReaders.leChat(root, fileName, export);
      case GROK -> OtherReaders.grok(root, export);
      case GEMINI -> OtherReaders.gemini(root, export);
      case CHATGPT_MANIFEST -> export.platform("chatgpt");
    }
  }

  /** A manifest read on its own: its shards are files of their own; one missing is an error. */
  private static void manifest(JsonNode manifest, String fileName, @Nullable Path folder) {
    if (folder == null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String shard : ChatGptReader.shards(manifest)) {
      Path path = folder.resolve(shard).normalize();
      if (!path.startsWith(folder) || !Files.isRegularFile(path)) {
        missing.add(shard);
      }
    }
    if (!missing.isEmpty()) {
      throw new IngestException(
          fileName,
          Reason.CORRUPT,
          "'"
              + fileName
              + "' lists conversation shards that are missing: "
              + String.join(", ", missing)
              + ". Their conversations are not ingested; download the export again.");
    }
  }

  private void readZip(byte[] bytes, String fileName, Export export) {
    guard.check(bytes, fileName, "zip");
    Set<String> names = new HashSet<>();
    List<JsonNode> manifests = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        String base = name.substring(name.lastIndexOf('/') + 1);
        names.add(base);
        if (entry.isDirectory()
            || !base.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
            || name.contains("__MACOSX/")) {
          continue;
        }
        byte[] json = zip.readAllBytes();
        Platform platform =
            Platform.detect(Arrays.copyOf(json, Math.min(json.length, DETECTION_BYTES)), base);
        if (platform == Platform.CHATGPT_MANIFEST) {
          manifests.add(tree(json, fileName + "!" + name));
        } else if (platform != null) {
          entries.add(new Entry(platform, tree(json, fileName + "!" + name), base));
        }
      }
    } catch (IOException e) {
      throw ParseFailures.corrupt(fileName, "zip", e);
    }
    List<String> order = new ArrayList<>();
    for (JsonNode manifest : manifests) {
      for (String shard : ChatGptReader.shards(manifest)) {
        String shardName = shard.substring(shard.lastIndexOf('/') + 1);
        order.add(shardName);
        if (!names.contains(shardName)) {
          export.warnings.add("shard listed in export_manifest.json but missing: " + shard);
        }
      }
    }
    // Shards in the manifest's order (the conversations' order), then the other files.
    entries.sort(
        java.util.Comparator.comparingInt(
            e -> order.contains(e.name()) ? order.indexOf(e.name()) : order.size()));
    for (Entry entry : entries) {
      read(entry.platform(), entry.root(), entry.name(), export);
    }
    if (export.platforms.isEmpty()) {
      throw new IngestException(
          fileName,
          Reason.UNSUPPORTED_FORMAT,
          "'"
              + fileName
              + "' is a zip archive that holds no chat export this version reads "
              + "(ChatGPT, Claude, Le Chat, Grok, Gemini). Unzip it and ingest its files instead.");
    }
  }

  /** An export file found in a zip, read once the whole archive is known. */
  private record Entry(Platform platform, JsonNode root, String name) {}

  private JsonNode tree(Source source, String fileName) throws IOException {
    try (InputStream in = source.open()) {
      return tree(in.readAllBytes(), fileName);
    }
  }

  private static IngestException notJson(String fileName, JsonProcessingException e) {
    return new IngestException(
        fileName,
        Reason.CORRUPT,
        "'"
            + fileName
            + "' is neither a valid zip nor a valid JSON file ("
            // Where, not Jackson's message: it quotes the file's own text.
            + e.getClass().getSimpleName()
            + (e.getLocation() == null
                ? ""
                : " at line "
                    + e.getLocation().getLineNr()
                    + ", column "
                    + e.getLocation().getColumnNr())
            + "). Download the export again.",
        e);
  }

  private JsonNode tree(byte[] json, String fileName) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(fileName, e);
    } catch (IOException e) {
      throw ParseFailures.corrupt(fileName, "JSON", e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Configures a {@link ChatExportParser}. Not thread-safe; the parser is. */
  public static final class Builder {
    private boolean keepOffPathBranches;
    private boolean keepOffPathSet;
    private long maxArchiveExpandedBytes = ArchiveGuard.DEFAULT_MAX_EXPANDED_BYTES;
    private boolean expandedSet;
    private int maxArchiveExpansionRatio = ArchiveGuard.DEFAULT_MAX_RATIO;
    private boolean ratioSet;

    private Builder() {}

    /**
     * Whether ChatGPT's other branches (answers regenerated away) are kept, in a section of their
     * own after the conversation; default false, only the active branch.
     *
     * @throws IllegalStateException when set twice
     */
    public Builder keepOffPathBranches(boolean keep) {
      if (keepOffPathSet) {
        throw new IllegalStateException("keepOffPathBranches was already set");
      }
      keepOffPathBranches = keep;
      keepOffPathSet = true;
      return this;
    }

    /**
     * The most bytes a zipped export may expand to, default 512 MiB.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when set twice
     */
    public Builder maxArchiveExpandedBytes(long bytes) {
      if (expandedSet) {
        throw new IllegalStateException("maxArchiveExpandedBytes was already set");
      }
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxArchiveExpandedBytes must be > 0, got " + bytes);
      }
      maxArchiveExpandedBytes = bytes;
      expandedSet = true;
      return this;
    }

    /**
     * How many times its own size a zipped export may expand, default 100.
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when set twice
     */
    public Builder maxArchiveExpansionRatio(int ratio) {
      if (ratioSet) {
        throw new IllegalStateException("maxArchiveExpansionRatio was already set");
      }
      if (ratio < 1) {
        throw new IllegalArgumentException("maxArchiveExpansionRatio must be >= 1, got " + ratio);
      }
      maxArchiveExpansionRatio = ratio;
      ratioSet = true;
      return this;
    }

    /** Builds the parser. */
    public ChatExportParser build() {
      return new ChatExportParser(this);
    }
  }
}
