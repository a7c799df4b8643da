package io.elavira.examples.cli;

import io.elavira.document.IngestException;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.pdf.PdfParser;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The limits of {@code elavira ingest}, one option per limit of {@link IngestionPipeline.Builder}:
 * file size, PDF pages, characters per document, files per run, archive expansion (the zip-bomb
 * guard of DOCX, ODT and zipped exports) and time per file. An option not given keeps the
 * pipeline's default. Sizes take a unit ({@code 200KB}, {@code 80MB}, {@code 1GB}: powers of 1024)
 * or none (bytes); times take one too ({@code 30s}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code
 * PT90S}).
 */
final class IngestLimitOptions {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  /**
   * The command-line option of each builder setting that a TOO_LARGE or TIMED_OUT message names in
   * parentheses, e.g. "(maxPages)".
   */
  static final Map<String, String> OPTION_OF_SETTING =
      Map.of(
          "maxFileBytes", "--max-file-size",
          "maxPages", "--max-pages",
          "maxDocumentChars", "--max-chars",
          "maxFiles", "--max-files",
          "maxArchiveExpandedBytes", "--max-archive-size",
          "maxArchiveExpansionRatio", "--max-archive-ratio",
          "maxTimePerFile", "--max-time-per-file");

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--max-file-size",
      paramLabel = "SIZE",
      description =
          "Largest file read, such as 200MB (default: 50MB); larger ones fail as too large.")
  private @Nullable String maxFileSize;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Most pages of a PDF (default: " + PdfParser.DEFAULT_MAX_PAGES + ").")
  private @Nullable Integer maxPages;

  @Option(
      names = "--max-chars",
      paramLabel = "N",
      description =
          "Most characters of text in one document, such as 50000000 for a large chat export"
              + " (default: "
              + IngestionPipeline.DEFAULT_MAX_DOCUMENT_CHARS
              + ").")
  private @Nullable Integer maxChars;

  @Option(
      names = "--max-files",
      paramLabel = "N",
      description =
          "Most files one run may find; more fails before reading any (default: "
              + IngestionPipeline.DEFAULT_MAX_FILES
              + ").")
  private @Nullable Integer maxFiles;

  @Option(
      names = "--max-archive-size",
      paramLabel = "SIZE",
      description =
          "Most a DOCX, ODT or zipped export may expand to, such as 1GB (default: 512MB): the"
              + " zip-bomb guard.")
  private @Nullable String maxArchiveSize;

  @Option(
      names = "--max-archive-ratio",
      paramLabel = "N",
      description =
          "Most times its own size such an archive may expand (default: "
              + IngestionPipeline.DEFAULT_MAX_ARCHIVE_EXPANSION_RATIO
              + ").")
  private @Nullable Integer maxArchiveRatio;

  @Option(
      names = "--max-time-per-file",
      paramLabel = "TIME",
      description =
          "Longest time to read, clean and chunk one file: 30s, 5m, 1h... (default: 10m;"
              + " embedding is not counted).")
  private @Nullable String maxTimePerFile;

  /**
   * Checks every limit given, before anything is opened.
   *
   * @throws ParameterException naming the option, the value and the expected form
   */
  void validate() {
    configure(IngestionPipeline.builder());
  }

  /**
   * Sets the limits given on {@code builder}; the others keep the pipeline's defaults.
   *
   * @return {@code builder}
   * @throws ParameterException when a value is malformed or out of range
   */
  IngestionPipeline.Builder configure(IngestionPipeline.Builder builder) {
    if (maxFileSize != null) {
      builder.maxFileBytes(bytes("--max-file-size", maxFileSize));
    }
    if (maxPages != null) {
      builder.maxPages(positive("--max-pages", maxPages));
    }
    if (maxChars != null) {
      builder.maxDocumentChars(positive("--max-chars", maxChars));
    }
    if (maxFiles != null) {
      builder.maxFiles(positive("--max-files", maxFiles));
    }
    if (maxArchiveSize != null) {
      builder.maxArchiveExpandedBytes(bytes("--max-archive-size", maxArchiveSize));
    }
    if (maxArchiveRatio != null) {
      builder.maxArchiveExpansionRatio(positive("--max-archive-ratio", maxArchiveRatio));
    }
    if (maxTimePerFile != null) {
      builder.maxTimePerFile(duration("--max-time-per-file", maxTimePerFile));
    }
    return builder;
  }

  /**
   * What to add to the message of a file refused by a limit so that a user of the command line
   * knows which option raises it: " Raise it with --max-pages." for a message naming {@code
   * (maxPages)}; empty for other errors.
   */
  static String hint(IngestException error) {
    if (error.reason() != IngestException.Reason.TOO_LARGE
        && error.reason() != IngestException.Reason.TIMED_OUT) {
      return "";
    }
    String message = String.valueOf(error.getMessage());
    for (Map.Entry<String, String> setting : OPTION_OF_SETTING.entrySet()) {
      if (message.contains("(" + setting.getKey() + ")")) {
        return " With elavira ingest, raise it with " + setting.getValue() + ".";
      }
    }
    return "";
  }

  private int positive(String option, int value) {
    if (value < 1) {
      throw usage(option + " " + value + " must be at least 1.");
    }
    return value;
  }

  /** "50MB", "200 KB", "1.5GiB", "1048576": bytes, the units being powers of 1024. */
  private long bytes(String option, String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw usage(option + " " + value + " is not a size: give e.g. 500KB, 80MB or 2GB.");
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long scale =
        switch (unit.charAt(0)) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    double bytes = Double.parseDouble(m.group(1)) * scale;
    if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
      throw usage(option + " " + value + " is out of range: give e.g. 500KB, 80MB or 2GB.");
    }
    return (long) bytes;
  }

  /** "30s", "5m", "1h", "500ms" or ISO-8601 "PT90S". */
  private Duration duration(String option, String value) {
    String v = value.trim();
    Duration duration = null;
    Matcher m = TIME.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        duration = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (duration == null) {
      throw usage(option + " " + value + " is not a time: give e.g. 30s, 5m or 1h.");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw usage(option + " " + value + " must be longer than zero.");
    }
    return duration;
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
