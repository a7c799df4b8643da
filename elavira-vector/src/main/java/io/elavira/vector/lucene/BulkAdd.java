package io.elavira.vector.lucene;

import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LiveIndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NoMergePolicy;

/**
 * {@link LuceneVectorStore#addAll}'s indexing on several threads into one writer (the caller
 * commits once). Not API.
 */
final class BulkAdd {
  /** The indexing buffer while {@link #rebuild} adds: small segments, small throw-away graphs. */
  static final int REBUILD_BUFFER_MB = 8;

  /**
   * How many indexing buffers of vectors a rebuild needs before it writes them flat while adding:
   * enough that the adds flush several segments, which the final merge then turns into one graph (a
   * merge of a single segment is skipped, and would leave it flat).
   */
  static final int FLAT_FROM_BUFFERS = 4;

  private BulkAdd() {}

  /**
   * Fills an empty index in two steps. The threads add the records with no merge running and a
   * small indexing buffer ({@value #REBUILD_BUFFER_MB} MB); from {@value #FLAT_FROM_BUFFERS}
   * buffers of vectors on, the segments they flush hold the vectors flat, with no graph (below,
   * each gets a small graph). Then one merge of every segment builds the one graph, on the merge
   * scheduler's threads with the int8 distances of {@code Int7DotScorer}. At 300,000 MiniLM vectors
   * the adds took 34 s instead of 99 s with a 64 MB buffer; with merges allowed while adding, a
   * million vectors spent 7 of 20 minutes in merges whose graphs the final merge rebuilt; the small
   * graphs of the segments flushed while adding, which the merge also throws away, made 17 of the
   * 38 s of a rebuild at 100,000.
   */
  static void rebuild(
      IndexWriter w,
      VectorCodec codec,
      List<VectorRecord> records,
      List<Document> docs,
      int bulkThreads,
      Path path)
      throws IOException {
    LiveIndexWriterConfig config = w.getConfig();
    MergePolicy policy = config.getMergePolicy();
    double buffer = config.getRAMBufferSizeMB();
    config.setMergePolicy(NoMergePolicy.INSTANCE);
    config.setRAMBufferSizeMB(REBUILD_BUFFER_MB);
    long vectorBytes = (long) records.size() * records.get(0).vector().length * Float.BYTES;
    codec.flatWhileAdding(vectorBytes >= FLAT_FROM_BUFFERS * REBUILD_BUFFER_MB * 1024L * 1024);
    try {
      run(w, records, docs, bulkThreads, path);
      w.flush(); // the last segments too are written while flat
    } finally {
      codec.flatWhileAdding(false);
      config.setMergePolicy(policy);
      config.setRAMBufferSizeMB(buffer);
    }
    w.forceMerge(1);
  }

  /**
   * Adds {@code docs} (one per record, same order) on up to {@code bulkThreads} threads, one per
   * 1000 records at least.
   *
   * @throws VectorStoreException when a thread fails or the caller is interrupted
   */
  static void run(
      IndexWriter w, List<VectorRecord> records, List<Document> docs, int bulkThreads, Path path)
      throws IOException {
    boolean empty = w.getDocStats().numDocs == 0;
    int threads = Math.min(bulkThreads, Math.max(1, records.size() / 1000));
    if (threads == 1) {
      addRange(w, records, docs, empty, 0, docs.size(), Thread.currentThread()::isInterrupted);
      return;
    }
    // The threads are stopped by a flag, never interrupted: an interrupt in the middle of Lucene's
    // file I/O closes the channel (ClosedByInterruptException), which closes the whole writer.
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int per = (docs.size() + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * per;
        int to = Math.min(docs.size(), from + per);
        parts.add(pool.submit(() -> addRange(w, records, docs, empty, from, to, stop::get)));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VectorStoreException("bulk add into " + path + " was interrupted", e);
    } catch (ExecutionException e) {
      throw new VectorStoreException(
          "bulk add into " + path + " failed: " + e.getCause(),
          e.getCause() == null ? e : e.getCause());
    } finally {
      stop.set(true); // on a failure the other threads stop at their next record
      pool.shutdown();
      awaitStopped(pool); // then the write is rolled back
    }
  }

  /** Waits for {@code pool}'s threads to stop, keeping the caller's interrupt status. */
  private static void awaitStopped(ExecutorService pool) {
    boolean interrupted = false;
    while (!pool.isTerminated()) {
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Adds records {@code from..to}; into an {@code empty} index (a rebuild) nothing can be replaced,
   * so the delete-by-id of each record is skipped. Stops with an {@link InterruptedIOException}
   * (the write is then rolled back) as soon as {@code cancelled} says so.
   */
  private static Void addRange(
      IndexWriter w,
      List<VectorRecord> records,
      List<Document> docs,
      boolean empty,
      int from,
      int to,
      BooleanSupplier cancelled)
      throws IOException {
    for (int i = from; i < to; i++) {
      if (cancelled.getAsBoolean()) {
        throw new InterruptedIOException("interrupted after " + (i - from) + " records");
      }
      if (empty) {
        w.addDocument(docs.get(i));
      } else {
        w.updateDocument(LuceneIndex.idTerm(records.get(i).id()), docs.get(i));
      }
    }
    return null;
  }
}
