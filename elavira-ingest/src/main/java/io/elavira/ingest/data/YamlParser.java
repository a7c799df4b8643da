package io.elavira.ingest.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ParseFailures;
import io.elavira.ingest.internal.TextDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads YAML files ({@code yaml}, {@code yml}) as readable {@code path: value} lines (e.g. {@code
 * xmas-fifth-day.partridges.location: a pear tree}); lists of scalars on one line, lists of records
 * one block per record; every document of a multi-document stream.
 *
 * <p>Stateless and thread-safe (one shared Jackson mapper); the stream is never closed.
 */
public final class YamlParser implements DocumentParser {
  /** The value of {@link Document#format()} for YAML documents. */
  public static final String FORMAT = "yaml";

  private static final Set<String> EXTENSIONS = Set.of("yaml", "yml");
  private final YAMLMapper mapper = new YAMLMapper();
  private final TextDecoder decoder = new TextDecoder();

  /** Creates a parser. */
  public YamlParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses YAML.
   *
   * @throws IngestException EMPTY when there is no value, CORRUPT when it is not YAML
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    String text = decoder.decode(content, fileName).text();
    if (text.isBlank()) {
      throw ParseFailures.empty(fileName);
    }
    List<Block> blocks = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNextValue()) {
        JsonNode node = documents.nextValue();
        if (node != null) {
          blocks.addAll(TreeRenderer.blocks(node));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw ParseFailures.corrupt(fileName, "YAML", e);
    }
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    return new Document(fileName, fileName, FORMAT, blocks, Map.of());
  }
}
