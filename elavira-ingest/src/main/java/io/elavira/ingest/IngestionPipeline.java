package io.elavira.ingest;

import io.elavira.document.Chunker;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.FileCollector;
import io.elavira.ingest.pdf.PdfParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ingests files and folders into a {@link DocumentIndexer} (usually an agent): finds the files,
 * parses each with the parser for its extension, chunks it and indexes it.
 *
 * <pre>{@code
 * IngestionPipeline pipeline = IngestionPipeline.builder().indexer(agent).build();
 * IngestReport report = pipeline.ingest(List.of(Path.of("docs"), Path.of("notes.md")));
 * report.outcomes().stream().filter(o -> !o.succeeded())
 *     .forEach(o -> System.err.println(o.error().getMessage()));
 * }</pre>
 *
 * <p>Files: folders are walked recursively in sorted order, skipping hidden entries ({@code
 * .git}...) and symbolic link loops. The parser is chosen by the lower-case extension. Each file's
 * {@link Document} gets the file name as {@code name} and the absolute, normalised path as {@code
 * location}.
 *
 * <p>Errors: a bad file never stops the others. It is reported in its {@link FileOutcome} with an
 * {@link IngestException}: {@code UNSUPPORTED_FORMAT} (no parser for the extension), {@code
 * TOO_LARGE} (over {@link Builder#maxFileBytes} or {@link Builder#maxDocumentChars}), {@code
 * UNREADABLE} (missing, permissions, I/O, not a regular file), or what the parser reported ({@code
 * EMPTY}, {@code CORRUPT}...). Only failures of the indexer itself other than an {@link
 * IngestException} (store or embedding model down), and exceptions from the listener, stop the run
 * and propagate; files indexed before stay indexed.
 *
 * <p>Limits, all configurable on the {@link Builder}: {@value #DEFAULT_MAX_FILE_BYTES} bytes per
 * file ({@link #DEFAULT_MAX_FILE_BYTES}), {@value #DEFAULT_MAX_DOCUMENT_CHARS} characters of text
 * per document ({@link #DEFAULT_MAX_DOCUMENT_CHARS}: about 1,500 pages, or some 1.2 million tokens
 * to embed), and {@value #DEFAULT_MAX_FILES} files per run ({@link #DEFAULT_MAX_FILES}: a folder
 * given by mistake, such as a home directory, fails fast instead of being walked and indexed for
 * hours). The time to read one file is limited ({@link #DEFAULT_MAX_TIME_PER_FILE}), not the time
 * to embed: a run lasts as long as its files take to embed; cancel it from the {@link
 * IngestListener}.
 *
 * <p>Chunk sizes: the default chunker budgets 200 tokens as {@code TokenCounter.estimating()}
 * counts them. For a local embedding model with a small window, pass a chunker that counts with the
 * model's own tokenizer so every chunk fits the window instead of being cut when embedded:
 *
 * <pre>{@code
 * OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2();   // 256 pieces incl. [CLS], [SEP]
 * IngestionPipeline pipeline = IngestionPipeline.builder()
 *     .indexer(agent)                                              // an agent built on the same model
 *     .chunker(RecursiveChunker.builder()
 *         .tokenCounter(model.tokenCounter())
 *         .maxTokens(model.maxSequenceLength() - 2)
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Threading: immutable and thread-safe once built. A pipeline may be reused, and concurrent
 * {@link #ingest} calls are independent (they share only the parsers, chunker and indexer, which
 * are thread-safe). Each call reads, cleans and chunks up to {@link Builder#parallelism} files at
 * once, each on a thread of its own started for it, while the calling thread hands the prepared
 * files to the indexer in file order, in groups of about {@link Builder#batchChunks} chunks
 * (listener calls come when a group is indexed, in file order). A file finished starts the next one
 * at once, so reading runs ahead while the indexer embeds, until the files read and not yet indexed
 * hold two groups' worth of chunks (at least 256), which bounds the memory of the look-ahead. The
 * first groups are small (8 chunks, then four times as many up to {@code batchChunks}) so that the
 * model starts on the first file read. Parsing thus uses every core and overlaps with embedding;
 * what is indexed, and in which order, does not depend on the parallelism nor on timing. Each group
 * is handed to {@link DocumentIndexer#embedAhead} on a thread of the run before it is indexed, and
 * is indexed while the next group is embedded ahead: the agent stores one group while its model
 * embeds the next (its embeddings are cached as soon as computed, so an interrupted run keeps
 * them).
 */
public final class IngestionPipeline {
  /** Default limit of a file's size: 50 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

  /** Default limit of a parsed document's text: 5 million characters. */
  public static final int DEFAULT_MAX_DOCUMENT_CHARS = 5_000_000;

  /** Default limit of the files one {@link #ingest} call finds: 10,000. */
  public static final int DEFAULT_MAX_FILES = 10_000;

  /**
   * Default number of chunks handed to the indexer at once: small files are indexed together
   * ({@link io.elavira.document.DocumentIndexer#indexAll}) so their chunks are embedded in full
   * batches; the more texts a model call has, the less the model pads them (it sorts them by
   * length). 128 keeps progress reports every second or two, and the wait of Ctrl-C for the group
   * being embedded short.
   */
  public static final int DEFAULT_BATCH_CHUNKS = 128;

  /** Default limit of what a zip-based file (DOCX, ODT, zipped export) expands to: 512 MiB. */
  public static final long DEFAULT_MAX_ARCHIVE_EXPANDED_BYTES =
      ArchiveGuard.DEFAULT_MAX_EXPANDED_BYTES;

  /** Default limit of how many times its size a zip-based file expands: 100. */
  public static final int DEFAULT_MAX_ARCHIVE_EXPANSION_RATIO = ArchiveGuard.DEFAULT_MAX_RATIO;

  /** Default limit of the time to read, clean and chunk one file: 10 minutes. */
  public static final Duration DEFAULT_MAX_TIME_PER_FILE = Duration.ofMinutes(10);

  private final ParserRegistry parsers;
  private final int maxFiles;
  private final IngestRunner runner;
  private final FileCollector collector = new FileCollector();

  private IngestionPipeline(Builder builder) {
    this.parsers =
        builder.parsers != null
            ? ParserRegistry.of(builder.parsers)
            : ParserRegistry.of(
                ParserRegistry.defaults(
                    builder.maxPages,
                    new ArchiveGuard(
                        builder.maxArchiveExpandedBytes, builder.maxArchiveExpansionRatio)));
    DocumentPreparer preparer =
        new DocumentPreparer(
            parsers, builder.chunker, builder.maxFileBytes, builder.maxDocumentChars);
    this.maxFiles = builder.maxFiles;
    this.runner =
        new IngestRunner(
            Objects.requireNonNull(builder.indexer, "indexer"),
            preparer::prepare,
            builder.listener,
            builder.parallelism,
            builder.batchChunks,
            builder.maxTimePerFile);
  }

  /** A builder; {@link Builder#indexer} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The extensions a parser is configured for, lower-case and sorted. */
  public Set<String> supportedExtensions() {
    return parsers.extensions();
  }

  /**
   * Ingests the files, and the files in the folders, that {@code paths} name.
   *
   * @param paths files or folders; missing ones are reported as UNREADABLE outcomes
   * @return one outcome per file found, in processing order
   * @throws NullPointerException when paths or one of them is null
   * @throws IngestException TOO_LARGE, before anything is read, when the paths hold more than
   *     {@link Builder#maxFiles} files
   * @throws io.elavira.ElaviraException when the indexer fails for a reason other than the file
   * @throws RuntimeException whatever the listener throws
   */
  public IngestReport ingest(List<Path> paths) {
    Objects.requireNonNull(paths, "paths");
    paths.forEach(p -> Objects.requireNonNull(p, "a path is null"));
    long start = System.nanoTime();
    return runner.run(collector.collect(paths, maxFiles), start);
  }

  /**
   * Configures an {@link IngestionPipeline}. Setters validate at once. Not thread-safe; the built
   * pipeline is.
   */
  public static final class Builder {
    private @Nullable DocumentIndexer indexer;
    private Chunker chunker = RecursiveChunker.builder().build();
    private @Nullable List<DocumentParser> parsers;
    private int maxPages = PdfParser.DEFAULT_MAX_PAGES;
    private long maxArchiveExpandedBytes = DEFAULT_MAX_ARCHIVE_EXPANDED_BYTES;
    private int maxArchiveExpansionRatio = DEFAULT_MAX_ARCHIVE_EXPANSION_RATIO;
    private Duration maxTimePerFile = DEFAULT_MAX_TIME_PER_FILE;
    private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final java.util.Set<String> set = new java.util.HashSet<>();
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;
    private int maxFiles = DEFAULT_MAX_FILES;
    private int batchChunks = DEFAULT_BATCH_CHUNKS;
    private IngestListener listener = (outcome, done, total) -> {};

    private Builder() {}

    /** Where documents go, usually an agent. Required. */
    public Builder indexer(DocumentIndexer indexer) {
      this.indexer = Objects.requireNonNull(indexer, "indexer");
      return this;
    }

    /** How documents are split, default {@code RecursiveChunker.builder().build()}. */
    public Builder chunker(Chunker chunker) {
      this.chunker = Objects.requireNonNull(chunker, "chunker");
      return this;
    }

    /**
     * The parsers, replacing the defaults (every parser of this module: text, Markdown, PDF, DOCX,
     * ODT, RTF, HTML, chat exports, JSON, YAML, XML, CSV). {@link DetectingParser}s may share an
     * extension with one plain parser; they are asked first. The limits {@link #maxPages} and
     * {@code maxArchive...} configure the default parsers only: configure your own on their
     * builders.
     *
     * @throws IllegalArgumentException when the list is empty or two plain parsers claim an
     *     extension
     */
    public Builder parsers(List<DocumentParser> parsers) {
      Objects.requireNonNull(parsers, "parsers");
      if (parsers.isEmpty()) {
        throw new IllegalArgumentException("parsers must not be empty");
      }
      ParserRegistry.of(parsers); // validates now
      this.parsers = List.copyOf(parsers);
      return this;
    }

    /**
     * The most pages a PDF may have, default {@value PdfParser#DEFAULT_MAX_PAGES}; longer ones fail
     * with TOO_LARGE naming this setting.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when set twice
     */
    public Builder maxPages(int maxPages) {
      once("maxPages");
      if (maxPages <= 0) {
        throw new IllegalArgumentException("maxPages must be > 0, got " + maxPages);
      }
      this.maxPages = maxPages;
      return this;
    }

    /**
     * The most bytes a zip-based file (DOCX, ODT, a zipped chat export) may expand to, default 512
     * MiB; beyond, TOO_LARGE (a zip bomb) before the library opens it.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when set twice
     */
    public Builder maxArchiveExpandedBytes(long bytes) {
      once("maxArchiveExpandedBytes");
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxArchiveExpandedBytes must be > 0, got " + bytes);
      }
      this.maxArchiveExpandedBytes = bytes;
      return this;
    }

    /**
     * How many times its own size a zip-based file may expand, default {@value
     * IngestionPipeline#DEFAULT_MAX_ARCHIVE_EXPANSION_RATIO}.
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when set twice
     */
    public Builder maxArchiveExpansionRatio(int ratio) {
      once("maxArchiveExpansionRatio");
      if (ratio < 1) {
        throw new IllegalArgumentException("maxArchiveExpansionRatio must be >= 1, got " + ratio);
      }
      this.maxArchiveExpansionRatio = ratio;
      return this;
    }

    /**
     * How long reading, cleaning and chunking one file may take, default 10 minutes; a file over it
     * fails with TIMED_OUT (embedding is not counted: it is the indexer's).
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when set twice
     */
    public Builder maxTimePerFile(Duration maxTimePerFile) {
      once("maxTimePerFile");
      Objects.requireNonNull(maxTimePerFile, "maxTimePerFile");
      if (maxTimePerFile.isNegative() || maxTimePerFile.isZero()) {
        throw new IllegalArgumentException("maxTimePerFile must be > 0, got " + maxTimePerFile);
      }
      this.maxTimePerFile = maxTimePerFile;
      return this;
    }

    /**
     * How many files are read, cleaned and chunked at once, ahead of the indexer, default the
     * number of processors; each on a thread of its own, so parsing uses every core and overlaps
     * with embedding. 1 still reads the next files while the previous ones are embedded. Reading
     * ahead stops once the files read and not yet indexed hold two groups of {@link #batchChunks}
     * (at least 256 chunks).
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when set twice
     */
    public Builder parallelism(int parallelism) {
      once("parallelism");
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * The largest file read, in bytes, default 50 MiB; larger files fail with TOO_LARGE.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxFileBytes(long maxFileBytes) {
      if (maxFileBytes <= 0) {
        throw new IllegalArgumentException("maxFileBytes must be > 0, got " + maxFileBytes);
      }
      this.maxFileBytes = maxFileBytes;
      return this;
    }

    /**
     * The most characters of text a parsed document may hold, default {@value
     * IngestionPipeline#DEFAULT_MAX_DOCUMENT_CHARS}; larger documents fail with TOO_LARGE before
     * they are chunked or embedded. Bounds memory and embedding time per file.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxDocumentChars(int maxDocumentChars) {
      if (maxDocumentChars <= 0) {
        throw new IllegalArgumentException("maxDocumentChars must be > 0, got " + maxDocumentChars);
      }
      this.maxDocumentChars = maxDocumentChars;
      return this;
    }

    /**
     * The most files one {@link IngestionPipeline#ingest} call may find, default {@value
     * IngestionPipeline#DEFAULT_MAX_FILES}; above it the call fails with TOO_LARGE before reading
     * any file (and stops walking folders at once). Use {@link Integer#MAX_VALUE} for no limit.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxFiles(int maxFiles) {
      if (maxFiles <= 0) {
        throw new IllegalArgumentException("maxFiles must be > 0, got " + maxFiles);
      }
      this.maxFiles = maxFiles;
      return this;
    }

    /**
     * How many chunks of parsed files wait before they are handed to the indexer together, default
     * {@value IngestionPipeline#DEFAULT_BATCH_CHUNKS}; 1 indexes each file on its own. The first
     * groups of a run are smaller (8 chunks, then four times as many), so the model starts as soon
     * as the first file is read.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder batchChunks(int batchChunks) {
      if (batchChunks <= 0) {
        throw new IllegalArgumentException("batchChunks must be > 0, got " + batchChunks);
      }
      this.batchChunks = batchChunks;
      return this;
    }

    /** Progress callbacks, default none. */
    public Builder listener(IngestListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @throws IllegalStateException when no indexer was set
     */
    public IngestionPipeline build() {
      if (indexer == null) {
        throw new IllegalStateException("indexer is required: set it with indexer(agent)");
      }
      return new IngestionPipeline(this);
    }
  }
}
