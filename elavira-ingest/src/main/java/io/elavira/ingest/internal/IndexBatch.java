package io.elavira.ingest.internal;

import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.ingest.FileOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The files of one ingestion run waiting to be indexed together: parsed documents are handed to
 * {@link DocumentIndexer#indexAll} once they hold enough chunks, so that an indexer such as the
 * agent embeds many small files in full batches instead of a few chunks at a time. Outcomes are
 * handed to the sink in the order the files were added, failures included.
 *
 * <p>The first groups are smaller ({@value #FIRST_GROUP_CHUNKS} chunks, then twice as many each
 * time up to the configured size), so that the model starts on the first file read instead of
 * waiting for a full group to be parsed; groups depend only on the files' chunk counts, never on
 * timing, so a run groups its files the same way every time.
 *
 * <p>An {@link IngestException} from the indexer concerns one file: the batch is then indexed one
 * file at a time so that it lands on that file's outcome only. Any other exception propagates.
 *
 * <p>Not thread-safe: one per run, on the run's thread.
 */
public final class IndexBatch {
  /** The size of the first group, in chunks (the ONNX model's default batch size). */
  public static final int FIRST_GROUP_CHUNKS = 8;

  private final DocumentIndexer indexer;
  private final int maxChunks;
  private final Consumer<FileOutcome> sink;
  private final List<Entry> entries = new ArrayList<>();
  private int chunks;
  private int groupChunks;

  /** A file waiting: a request to index, or an outcome already known (a failure). */
  private record Entry(Path path, @Nullable IndexRequest request, @Nullable FileOutcome outcome) {}

  /**
   * Creates an empty batch.
   *
   * @param maxChunks the batch is indexed as soon as it holds this many chunks (fewer for the first
   *     groups)
   * @param sink receives each file's outcome, in order
   */
  public IndexBatch(DocumentIndexer indexer, int maxChunks, Consumer<FileOutcome> sink) {
    this.indexer = Objects.requireNonNull(indexer, "indexer");
    this.maxChunks = maxChunks;
    this.groupChunks = Math.min(maxChunks, FIRST_GROUP_CHUNKS);
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Adds a file that failed before indexing; handed on at once when nothing waits before it. */
  public void addFailure(FileOutcome outcome) {
    if (entries.isEmpty()) {
      sink.accept(outcome);
    } else {
      entries.add(new Entry(outcome.path(), null, outcome));
    }
  }

  /** Adds a parsed document; indexes the batch when it is full. */
  public void add(Path path, IndexRequest request) {
    entries.add(new Entry(path, request, null));
    chunks += request.chunks().size();
    if (chunks >= groupChunks) {
      flush();
    }
  }

  /** Indexes what waits and hands every outcome on, in order. */
  public void flush() {
    List<Entry> toIndex = entries.stream().filter(e -> e.request() != null).toList();
    List<FileOutcome> indexed = index(toIndex);
    if (!toIndex.isEmpty()) {
      groupChunks = (int) Math.min(maxChunks, 2L * groupChunks);
    }
    int next = 0;
    for (Entry e : entries) {
      sink.accept(e.request() == null ? e.outcome() : indexed.get(next++));
    }
    entries.clear();
    chunks = 0;
  }

  private List<FileOutcome> index(List<Entry> toIndex) {
    if (toIndex.isEmpty()) {
      return List.of();
    }
    List<FileOutcome> outcomes = new ArrayList<>(toIndex.size());
    try {
      List<IndexResult> results = indexer.indexAll(toIndex.stream().map(Entry::request).toList());
      for (int i = 0; i < toIndex.size(); i++) {
        outcomes.add(FileOutcome.success(toIndex.get(i).path(), results.get(i)));
      }
      return outcomes;
    } catch (IngestException batchFailure) {
      for (Entry e : toIndex) {
        outcomes.add(indexOne(e));
      }
      return outcomes;
    }
  }

  private FileOutcome indexOne(Entry e) {
    IndexRequest r = Objects.requireNonNull(e.request(), "a failure has no request to index");
    try {
      IndexResult result =
          r.ownerId() == null
              ? indexer.index(r.document(), r.chunks())
              : indexer.index(r.document(), r.chunks(), r.ownerId());
      return FileOutcome.success(e.path(), result);
    } catch (IngestException failure) {
      return FileOutcome.failure(e.path(), failure);
    }
  }
}
