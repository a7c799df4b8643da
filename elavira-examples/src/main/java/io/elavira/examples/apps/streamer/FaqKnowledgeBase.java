package io.elavira.examples.apps.streamer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A FAQ file of question/answer pairs, read from JSON or YAML, each pair one passage of its own (so
 * that a retrieved passage always holds a whole answer with its question).
 *
 * <p>The file is a list of {@code {question, answer}} objects, or an object whose {@code faq} field
 * is that list:
 *
 * <pre>{@code
 * faq:
 *   - question: When do you stream?
 *     answer: Tuesdays and Thursdays from 8 pm (Paris time).
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FaqKnowledgeBase {

  /** Most pairs a file may hold. */
  public static final int MAX_ENTRIES = 10_000;

  /** Longest question or answer, in characters. */
  public static final int MAX_FIELD_CHARS = 4_000;

  /** Largest FAQ file read, in bytes. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  /** The format name the FAQ's document is stored with. */
  public static final String FORMAT = "faq";

  /**
   * One pair.
   *
   * @param question the question as viewers ask it
   * @param answer the answer
   */
  public record Entry(String question, String answer) {
    /** Validates. */
    public Entry {
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(answer, "answer");
    }
  }

  private final Path file;
  private final List<Entry> entries;

  private FaqKnowledgeBase(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a FAQ file ({@code .json}, {@code .yaml} or {@code .yml}).
   *
   * @throws IngestException naming the file (and the entry) when it cannot be read, is too large,
   *     is not a list of question/answer pairs, or holds a blank or overlong field
   */
  public static FaqKnowledgeBase read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper;
    if (name.endsWith(".json")) {
      mapper = new ObjectMapper();
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      mapper = new ObjectMapper(new YAMLFactory());
    } else {
      throw new IngestException(
          file.toString(),
          Reason.UNSUPPORTED_FORMAT,
          file + ": a FAQ file is .json, .yaml or .yml");
    }
    JsonNode root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IngestException(
            file.toString(),
            Reason.TOO_LARGE,
            file + " is over " + MAX_FILE_BYTES / (1024 * 1024) + " MB: split the FAQ");
      }
      root = mapper.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IngestException(
          file.toString(),
          Reason.CORRUPT,
          file
              + " is not valid "
              + (name.endsWith(".json") ? "JSON" : "YAML")
              + ": fix line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()),
          e);
    } catch (IOException e) {
      throw new IngestException(
          file.toString(),
          Reason.UNREADABLE,
          "Could not read the FAQ file " + file + ": " + e.getMessage(),
          e);
    }
    JsonNode list = root != null && root.isObject() ? root.get("faq") : root;
    if (list == null || !list.isArray()) {
      throw new IngestException(
          file.toString(),
          Reason.CORRUPT,
          file + " must be a list of {question, answer} pairs, or hold one under \"faq\"");
    }
    if (list.size() > MAX_ENTRIES) {
      throw new IngestException(
          file.toString(), Reason.TOO_LARGE, file + " holds over " + MAX_ENTRIES + " pairs");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode pair = list.get(i);
      entries.add(new Entry(field(file, i, pair, "question"), field(file, i, pair, "answer")));
    }
    if (entries.isEmpty()) {
      throw new IngestException(
          file.toString(), Reason.EMPTY, file + " holds no question/answer pair");
    }
    return new FaqKnowledgeBase(file.toAbsolutePath(), entries);
  }

  private static String field(Path file, int index, JsonNode pair, String field) {
    JsonNode value = pair == null || !pair.isObject() ? null : pair.get(field);
    String where = file + ", pair " + (index + 1);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new IngestException(
          file.toString(), Reason.CORRUPT, where + ": \"" + field + "\" is missing or blank");
    }
    String text = value.asText().strip();
    if (text.length() > MAX_FIELD_CHARS) {
      throw new IngestException(
          file.toString(),
          Reason.TOO_LARGE,
          where + ": \"" + field + "\" is over " + MAX_FIELD_CHARS + " characters");
    }
    return text;
  }

  /** The pairs, in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Indexes the FAQ as one document (its location is the file), one passage per pair whose section
   * is the question; an unchanged file is left as it is.
   *
   * @param indexer the agent to index into
   * @return what the indexer did
   * @throws io.elavira.ElaviraException when the store or the embedding model fails
   */
  public IndexResult indexInto(DocumentIndexer indexer) {
    List<Block> blocks = new ArrayList<>();
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String text = "Q: " + e.question() + "\nA: " + e.answer();
      blocks.add(new Block(BlockType.PARAGRAPH, text, e.question(), null));
      chunks.add(new Chunk(i, text, e.question(), null, Map.of()));
    }
    Document document =
        new Document(file.getFileName().toString(), file.toString(), FORMAT, blocks, Map.of());
    return indexer.index(document, chunks);
  }
}
