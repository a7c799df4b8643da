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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one ingestion run waiting to be indexed together: parsed documents are handed to
 * {@link DocumentIndexer#indexAll} once they hold enough chunks, so that an indexer such as the
 * agent embeds many small files in full batches instead of a few chunks at a time. Outcomes are
 * handed to the sink in the order the files were added, failures included.
 *
 * <p>The first groups are smaller ({@value #FIRST_GROUP_CHUNKS} chunks, then {@value #GROUP_GROWTH}
 * times as many each time up to the configured size), so that the model starts on the first file
 * read instead of waiting for a full group to be parsed, while the files of the next, larger group
 * are read; groups depend only on the files' chunk counts, never on timing, so a run groups its
 * files the same way every time. The groups grow fast because the model pads the texts of a call,
 * sorted by length, to the longest of each of its batches: the more texts a call has, the closer
 * the lengths of a batch, the less padding (on {@code shared/data/docs}, doubling from 8 to 64
 * costs the model 10 % more padded word pieces than one call of every text; growing fourfold to
 * 128, 4 %).
 *
 * <p><b>Embedding ahead of storing.</b> A full group is first handed to {@link
 * DocumentIndexer#embedAhead} on a thread of its own (one at a time, in order), and indexed with
 * {@code indexAll} once the next group is full (or at {@link #flush()}): the agent then embeds a
 * group while it stores the one before, instead of leaving the model idle during the store's work.
 * {@code indexAll} of a group starts only once its {@code embedAhead} has returned, so the model is
 * never asked for a group twice; it finds the group's embeddings in the cache, and stores. What is
 * indexed, the groups and their order are the same as without it; each model call's vectors are
 * cached as soon as they are computed, so an interrupted run keeps what was embedded ahead. A
 * failing {@code embedAhead} is only logged: {@code indexAll} then embeds the group itself, and
 * fails as it would have.
 *
 * <p>An {@link IngestException} from the indexer concerns one file: the batch is then indexed one
 * file at a time so that it lands on that file's outcome only. Any other exception propagates.
 *
 * <p>Not thread-safe: one per run, on the run's thread; {@link #close()} it to stop the embedding
 * thread.
 */
public final class IndexBatch implements AutoCloseable {
  /** The size of the first group, in chunks (the ONNX model's default batch size). */
  public static final int FIRST_GROUP_CHUNKS = 8;

  /** How many times larger each group is than the one before, up to the configured size. */
  public static final int GROUP_GROWTH = 4;

  private static final Logger LOG = LoggerFactory.getLogger(IndexBatch.class);

  private final DocumentIndexer indexer;
  private final int maxChunks;
  private final Consumer<FileOutcome> sink;
  private final List<Entry> entries = new ArrayList<>();
  private int chunks;
  private int groupChunks;
  private @Nullable Group pending;
  private @Nullable ExecutorService ahead;

  /** A file waiting: a request to index, or an outcome already known (a failure). */
  private record Entry(Path path, @Nullable IndexRequest request, @Nullable FileOutcome outcome) {}

  /** A full group whose embedding runs ahead; failures found after it are appended. */
  private record Group(List<Entry> entries, Future<?> embedded) {}

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
    Group waiting = pending;
    if (!entries.isEmpty()) {
      entries.add(new Entry(outcome.path(), null, outcome));
    } else if (waiting != null) {
      waiting.entries().add(new Entry(outcome.path(), null, outcome));
    } else {
      sink.accept(outcome);
    }
  }

  /**
   * Adds a parsed document; once the files waiting hold a group's worth of chunks, starts embedding
   * them ahead and indexes the group before them.
   */
  public void add(Path path, IndexRequest request) {
    entries.add(new Entry(path, request, null));
    chunks += request.chunks().size();
    if (chunks >= groupChunks) {
      seal();
    }
  }

  /** Indexes everything that waits and hands every outcome on, in order. */
  public void flush() {
    if (!entries.isEmpty()) {
      seal();
    }
    Group last = pending;
    pending = null;
    if (last != null) {
      indexGroup(last);
    }
  }

  /**
   * Stops the embedding thread once its work is done, without waiting for it: after {@link
   * #flush()} nothing runs there any more; when the run stops on an exception (a cancelling
   * listener, a failing indexer), the group being embedded ahead, if any, is finished in the
   * background (its vectors cached, nothing stored), so that a cancelled run returns at once.
   */
  @Override
  public void close() {
    ExecutorService executor = ahead;
    if (executor != null) {
      executor.shutdown();
    }
  }

  /** Starts embedding the files waiting, then indexes the group sealed before them. */
  private void seal() {
    List<Entry> group = new ArrayList<>(entries);
    entries.clear();
    chunks = 0;
    List<IndexRequest> requests = requests(group);
    Future<?> embedded;
    if (requests.isEmpty()) {
      embedded = CompletableFuture.completedFuture(null);
    } else {
      groupChunks = (int) Math.min(maxChunks, (long) GROUP_GROWTH * groupChunks);
      embedded = executor().submit(() -> embedAhead(requests));
    }
    Group previous = pending;
    pending = new Group(group, embedded);
    if (previous != null) {
      indexGroup(previous);
    }
  }

  private void embedAhead(List<IndexRequest> requests) {
    try {
      indexer.embedAhead(requests);
    } catch (RuntimeException e) {
      // indexAll embeds what is missing itself, and reports a failure that remains.
      LOG.debug(
          "Embedding {} files ahead failed ({}); indexing embeds them",
          requests.size(),
          e.getClass().getName());
    }
  }

  private ExecutorService executor() {
    ExecutorService executor = ahead;
    if (executor == null) {
      executor =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "elavira-embed-ahead");
                thread.setDaemon(true);
                return thread;
              });
      ahead = executor;
    }
    return executor;
  }

  /** Waits for the group's embedding ahead, indexes it and hands its outcomes on, in order. */
  private void indexGroup(Group group) {
    awaitUninterruptibly(group.embedded());
    List<Entry> toIndex = group.entries().stream().filter(e -> e.request() != null).toList();
    List<FileOutcome> indexed = index(toIndex);
    int next = 0;
    for (Entry e : group.entries()) {
      sink.accept(e.request() == null ? Objects.requireNonNull(e.outcome()) : indexed.get(next++));
    }
  }

  /**
   * Waits for the embedding of a group (bounded: one group's model calls), so that {@code indexAll}
   * never asks the model for texts being embedded; an interrupt is kept for the caller.
   */
  private static void awaitUninterruptibly(Future<?> embedded) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          embedded.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          // Only an Error gets here: embedAhead catches RuntimeExceptions.
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<IndexRequest> requests(List<Entry> group) {
    List<IndexRequest> requests = new ArrayList<>(group.size());
    for (Entry e : group) {
      IndexRequest r = e.request();
      if (r != null) {
        requests.add(r);
      }
    }
    return requests;
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
