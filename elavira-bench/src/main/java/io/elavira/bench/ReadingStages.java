package io.elavira.bench;

import io.elavira.document.Chunker;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.chat.ChatExportParser;
import io.elavira.ingest.data.CsvParser;
import io.elavira.ingest.data.JsonParser;
import io.elavira.ingest.data.XmlParser;
import io.elavira.ingest.data.YamlParser;
import io.elavira.ingest.docx.DocxParser;
import io.elavira.ingest.html.HtmlParser;
import io.elavira.ingest.internal.BlockCleaner;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.office.OdtParser;
import io.elavira.ingest.office.RtfParser;
import io.elavira.ingest.pdf.PdfParser;
import io.elavira.ingest.text.PlainTextParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The CPU time of each reading stage of the pipeline (parse, per format; clean; chunk), measured
 * one file at a time on the calling thread with {@link ThreadMXBean#getCurrentThreadCpuTime()}.
 * Thread CPU time does not grow while the thread waits for a core, so unlike wall time it hardly
 * moves with the machine's load; it leaves out the collector's and the JIT's threads.
 *
 * <p>The parsers are the pipeline's defaults, chosen as the pipeline does (a chat export is
 * recognised by its first bytes); files a parser refuses count their parse time (the pipeline pays
 * it too) and no chunks. Not thread-safe.
 */
final class ReadingStages {
  /**
   * CPU nanoseconds of one pass over a folder.
   *
   * @param parseByFormat parse time per file extension, sorted by extension
   * @param clean the cleaning step
   * @param chunk the chunker, token counting included
   * @param chunks the chunks made
   */
  record Split(Map<String, Long> parseByFormat, long clean, long chunk, int chunks) {
    long parse() {
      return parseByFormat.values().stream().mapToLong(Long::longValue).sum();
    }

    long total() {
      return parse() + clean + chunk;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, DocumentParser> byExtension = new HashMap<>();
  private final ChatExportParser chat = new ChatExportParser();

  ReadingStages() {
    List<DocumentParser> plain =
        List.of(
            new PlainTextParser(),
            new MarkdownParser(),
            new PdfParser(),
            new DocxParser(),
            new OdtParser(),
            new RtfParser(),
            new HtmlParser(),
            new JsonParser(),
            new YamlParser(),
            new XmlParser(),
            new CsvParser());
    for (DocumentParser parser : plain) {
      parser.extensions().forEach(e -> byExtension.put(e, parser));
    }
  }

  /** Parses, cleans and chunks every file under {@code folder}, in the pipeline's order. */
  Split measure(Path folder, Chunker chunker) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    Map<String, Long> parse = new TreeMap<>();
    long clean = 0;
    long chunk = 0;
    int chunks = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String extension = extension(name);
      long start = THREADS.getCurrentThreadCpuTime();
      Document parsed = parse(file, name, extension);
      long parsedAt = THREADS.getCurrentThreadCpuTime();
      parse.merge(extension, parsedAt - start, Long::sum);
      if (parsed == null) {
        continue;
      }
      Document cleaned = BlockCleaner.clean(parsed);
      long cleanedAt = THREADS.getCurrentThreadCpuTime();
      clean += cleanedAt - parsedAt;
      Document located =
          new Document(
              name, file.toString(), cleaned.format(), cleaned.blocks(), cleaned.metadata());
      chunks += chunker.chunk(located).size();
      chunk += THREADS.getCurrentThreadCpuTime() - cleanedAt;
    }
    return new Split(parse, clean, chunk, chunks);
  }

  private @Nullable Document parse(Path file, String name, String extension) throws IOException {
    DocumentParser parser = byExtension.get(extension);
    if (chat.extensions().contains(extension)) {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(ChatExportParser.DETECTION_BYTES);
      }
      if (parser == null || chat.recognises(head, name)) {
        parser = chat;
      }
    }
    if (parser == null) {
      return null;
    }
    try {
      if (parser == chat) {
        return chat.parse(file);
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        return parser.parse(in, name);
      }
    } catch (IngestException e) {
      return null; // empty, encrypted, scanned...: refused, as the pipeline refuses it
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
