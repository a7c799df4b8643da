package io.elavira.ingest.data;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.DecodedText;
import io.elavira.ingest.internal.ParseFailures;
import io.elavira.ingest.internal.TextDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited data ({@code csv}, {@code tsv}) with Apache Commons CSV.
 *
 * <p>Dialect: the encoding is detected as for text (UTF-8, UTF-16 with or without BOM,
 * windows-1252); the delimiter is the one of comma, semicolon, tab and pipe that splits the first
 * lines into the most equal, non-trivial numbers of fields, quotes understood (a quoted {@code
 * "A,A"} is one field). Recorded in the metadata under {@value #DELIMITER_KEY} and {@code
 * encoding}.
 *
 * <p>Rows: when a header row is recognised (its cells all filled, distinct and not numbers, with
 * numbers somewhere below it), every following row is rendered with the headers, {@code Team: Blues
 * | Location: STL | Stanley Cups: 1}, so a chunk read alone still says what each value is; lines
 * above the header (a caption) become a paragraph. Without a header rows are rendered as {@code a |
 * b | c}. The rows form one {@link BlockType#TABLE} block, one row per line, which chunkers cut
 * between rows.
 *
 * <p>Stateless and thread-safe; the stream is never closed.
 */
public final class CsvParser implements DocumentParser {
  /** The value of {@link Document#format()} for CSV documents. */
  public static final String FORMAT = "csv";

  /** Metadata key of the detected delimiter ("," ";" "\t" or "|"). */
  public static final String DELIMITER_KEY = "delimiter";

  private static final Set<String> EXTENSIONS = Set.of("csv", "tsv");
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};
  private static final int SAMPLE_LINES = 20;
  private static final Pattern NUMBER = Pattern.compile("[-+]?[\\d.,\\s]*\\d[\\d.,\\s%]*");

  private final TextDecoder decoder = new TextDecoder();

  /** Creates a parser. */
  public CsvParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses delimited data.
   *
   * @throws IngestException EMPTY with no cell, CORRUPT when binary or badly quoted
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    DecodedText decoded = decoder.decode(content, fileName);
    String text = decoded.text();
    if (text.isBlank()) {
      throw ParseFailures.empty(fileName);
    }
    char delimiter =
        fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : detect(text);
    List<List<String>> rows = read(text, delimiter, fileName);
    rows.removeIf(row -> row.stream().allMatch(String::isBlank));
    if (rows.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    List<Block> blocks = new ArrayList<>();
    int header = headerRow(rows);
    List<String> lines = new ArrayList<>();
    if (header >= 0) {
      List<String> caption = new ArrayList<>();
      for (int r = 0; r < header; r++) {
        caption.add(String.join(" ", rows.get(r).stream().filter(c -> !c.isBlank()).toList()));
      }
      if (!caption.isEmpty()) {
        blocks.add(new Block(BlockType.PARAGRAPH, String.join("\n", caption), null, null));
      }
      List<String> names = rows.get(header);
      for (List<String> row : rows.subList(header + 1, rows.size())) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.size(); c++) {
          String name = c < names.size() ? names.get(c) : "column " + (c + 1);
          if (!row.get(c).isBlank()) {
            cells.add(name + ": " + row.get(c));
          }
        }
        lines.add(String.join(" | ", cells));
      }
    } else {
      for (List<String> row : rows) {
        lines.add(String.join(" | ", row));
      }
    }
    blocks.add(new Block(BlockType.TABLE, String.join("\n", lines), null, null));
    return new Document(
        fileName,
        fileName,
        FORMAT,
        blocks,
        Map.of(DELIMITER_KEY, String.valueOf(delimiter), "encoding", decoded.encoding()));
  }

  private static List<List<String>> read(String text, char delimiter, String fileName) {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      for (CSVRecord record : parser) {
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cell -> cells.add(cell.replace('\n', ' ').strip()));
        rows.add(cells);
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw ParseFailures.corrupt(fileName, "CSV", e);
    }
    return rows;
  }

  /** The delimiter giving the most consistent field count above one over the first lines. */
  static char detect(String text) {
    String sample = String.join("\n", text.lines().limit(SAMPLE_LINES).toList());
    char best = ',';
    double bestScore = 0;
    for (char candidate : CANDIDATES) {
      List<Integer> counts = new ArrayList<>();
      try (CSVParser parser =
          CSVParser.parse(
              new StringReader(sample),
              CSVFormat.DEFAULT.builder().setDelimiter(candidate).get())) {
        for (CSVRecord record : parser) {
          counts.add(record.size());
        }
      } catch (IOException | RuntimeException e) {
        continue; // bad quoting with this delimiter: not the one
      }
      if (counts.isEmpty()) {
        continue;
      }
      int mode =
          counts.stream()
              .reduce(
                  (a, b) ->
                      counts.stream().filter(a::equals).count()
                              >= counts.stream().filter(b::equals).count()
                          ? a
                          : b)
              .orElse(1);
      long agreeing = counts.stream().filter(c -> c == mode).count();
      double score = mode <= 1 ? 0 : (double) agreeing / counts.size() * Math.min(mode, 10);
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    return best;
  }

  /** The index of the header row among the first two, or -1. */
  private static int headerRow(List<List<String>> rows) {
    for (int r = 0; r < Math.min(2, rows.size() - 1); r++) {
      List<String> row = rows.get(r);
      Set<String> distinct = new HashSet<>(row);
      boolean filled = row.size() > 1 && row.stream().noneMatch(String::isBlank);
      boolean words = row.stream().noneMatch(c -> NUMBER.matcher(c).matches());
      if (filled && words && distinct.size() == row.size() && numbersBelow(rows, r)) {
        return r;
      }
    }
    return -1;
  }

  private static boolean numbersBelow(List<List<String>> rows, int header) {
    for (List<String> row : rows.subList(header + 1, rows.size())) {
      for (String cell : row) {
        if (NUMBER.matcher(cell).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
