package io.elavira.ingest;

import io.elavira.document.DocumentParser;
import io.elavira.ingest.chat.ChatExportParser;
import io.elavira.ingest.data.CsvParser;
import io.elavira.ingest.data.JsonParser;
import io.elavira.ingest.data.XmlParser;
import io.elavira.ingest.data.YamlParser;
import io.elavira.ingest.docx.DocxParser;
import io.elavira.ingest.html.HtmlParser;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.office.OdtParser;
import io.elavira.ingest.office.RtfParser;
import io.elavira.ingest.pdf.PdfParser;
import io.elavira.ingest.text.PlainTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The parsers of a pipeline by extension: at most one plain parser per extension, and any number of
 * {@link DetectingParser}s asked first, in registration order. Immutable.
 */
final class ParserRegistry {
  private final Map<String, DocumentParser> plain;
  private final Map<String, List<DetectingParser>> detecting;

  private ParserRegistry(
      Map<String, DocumentParser> plain, Map<String, List<DetectingParser>> detecting) {
    this.plain = plain;
    this.detecting = detecting;
  }

  /** Every parser this module has, with the given limits. */
  static List<DocumentParser> defaults(int maxPages, ArchiveGuard guard) {
    return List.of(
        new PlainTextParser(),
        new MarkdownParser(),
        PdfParser.builder().maxPages(maxPages).build(),
        new DocxParser(guard.maxExpandedBytes(), guard.maxRatio()),
        new OdtParser(guard.maxExpandedBytes(), guard.maxRatio()),
        new RtfParser(),
        new HtmlParser(),
        ChatExportParser.builder()
            .maxArchiveExpandedBytes(guard.maxExpandedBytes())
            .maxArchiveExpansionRatio(guard.maxRatio())
            .build(),
        new JsonParser(),
        new YamlParser(),
        new XmlParser(),
        new CsvParser());
  }

  /**
   * Indexes the parsers by extension.
   *
   * @throws IllegalArgumentException when two plain parsers claim an extension
   */
  static ParserRegistry of(List<DocumentParser> parsers) {
    Map<String, DocumentParser> plain = new TreeMap<>();
    Map<String, List<DetectingParser>> detecting = new TreeMap<>();
    for (DocumentParser parser : parsers) {
      Objects.requireNonNull(parser, "a parser is null");
      for (String extension : parser.extensions()) {
        String key = extension.toLowerCase(Locale.ROOT);
        if (parser instanceof DetectingParser detector) {
          detecting.computeIfAbsent(key, k -> new ArrayList<>()).add(detector);
          continue;
        }
        DocumentParser previous = plain.putIfAbsent(key, parser);
        if (previous != null && previous != parser) {
          throw new IllegalArgumentException(
              "Two parsers read '."
                  + key
                  + "': "
                  + previous.getClass().getName()
                  + " and "
                  + parser.getClass().getName());
        }
      }
    }
    return new ParserRegistry(Collections.unmodifiableMap(plain), Map.copyOf(detecting));
  }

  /** The extensions read, lower-case and sorted. */
  Set<String> extensions() {
    Set<String> all = new TreeSet<>(plain.keySet());
    all.addAll(detecting.keySet());
    return Collections.unmodifiableSet(all);
  }

  /**
   * The parser for a file: the first detecting parser of its extension that recognises its first
   * bytes, else the plain parser of the extension, else the first detecting one; null when no
   * parser reads the extension.
   *
   * @throws IOException when the first bytes cannot be read
   */
  @Nullable DocumentParser forFile(Path file, String extension) throws IOException {
    List<DetectingParser> detectors = detecting.getOrDefault(extension, List.of());
    DocumentParser fallback = plain.get(extension);
    if (detectors.isEmpty()) {
      return fallback;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(DetectingParser.DETECTION_BYTES);
    }
    for (DetectingParser detector : detectors) {
      if (detector.recognises(head, String.valueOf(file.getFileName()))) {
        return detector;
      }
    }
    return fallback != null ? fallback : detectors.get(0);
  }
}
