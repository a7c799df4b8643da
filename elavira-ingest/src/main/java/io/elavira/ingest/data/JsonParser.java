package io.elavira.ingest.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ParseFailures;
import io.elavira.ingest.internal.TextDecoder;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads JSON files ({@code json}) as readable {@code path: value} lines, e.g. {@code
 * metadata.filetype: text/plain}; an array of records gives one block per record. Chat exports in
 * JSON are read by {@code io.elavira.ingest.chat.ChatExportParser} instead, which the pipeline asks
 * first.
 *
 * <p>Stateless and thread-safe (one shared Jackson mapper); the stream is never closed.
 */
public final class JsonParser implements DocumentParser {
  /** The value of {@link Document#format()} for JSON documents. */
  public static final String FORMAT = "json";

  private static final Set<String> EXTENSIONS = Set.of("json");
  private final ObjectMapper mapper = new ObjectMapper();
  private final TextDecoder decoder = new TextDecoder();

  /** Creates a parser. */
  public JsonParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses JSON.
   *
   * @throws IngestException EMPTY when there is no value, CORRUPT when it is not JSON
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    String text = decoder.decode(content, fileName).text();
    if (text.isBlank()) {
      throw ParseFailures.empty(fileName);
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw ParseFailures.corrupt(fileName, "JSON", e);
    }
    List<Block> blocks = TreeRenderer.blocks(root);
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    return new Document(fileName, fileName, FORMAT, blocks, Map.of());
  }
}
