package io.elavira.bench;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands everything to the agent unchanged and notes when the first group arrived and how long the
 * calls took (the model's and the store's time); the rest of the run is the indexer waiting for
 * files or the pipeline's own work. {@code indexAll} is timed on the run's thread; {@code
 * embedAhead}, which the pipeline calls on a thread of its own, apart.
 */
final class TimedIndexer implements DocumentIndexer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final DocumentIndexer delegate;
  long start;
  private long firstCallNanos = -1;
  private long aheadNanos;
  long insideNanos;
  long insideCpuNanos;
  long cpuNanos;
  double seconds;
  long chunks;

  TimedIndexer(DocumentIndexer delegate) {
    this.delegate = delegate;
  }

  private <T> T timed(Supplier<T> call) {
    long at = System.nanoTime();
    long cpuAt = THREADS.getCurrentThreadCpuTime();
    noteCall(at);
    try {
      return call.get();
    } finally {
      insideNanos += System.nanoTime() - at;
      insideCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuAt;
    }
  }

  @Override
  public IndexResult index(Document document, List<Chunk> chunks) {
    return timed(() -> delegate.index(document, chunks));
  }

  @Override
  public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
    return timed(() -> delegate.index(document, chunks, ownerId));
  }

  @Override
  public List<IndexResult> indexAll(List<IndexRequest> requests) {
    return timed(() -> delegate.indexAll(requests));
  }

  /**
   * Forwarded, its wall time summed apart: the pipeline calls it on a thread of its own, so that
   * the agent embeds the next group while it stores the previous one (the time inside {@code
   * indexAll} is then the store's, plus the model's for what was not embedded ahead).
   */
  @Override
  public void embedAhead(List<IndexRequest> requests) {
    long at = System.nanoTime();
    noteCall(at);
    try {
      delegate.embedAhead(requests);
    } finally {
      addAhead(System.nanoTime() - at);
    }
  }

  /** Nanoseconds from the start to the first call of either kind, -1 before any. */
  synchronized long firstCallNanos() {
    return firstCallNanos;
  }

  /** Wall nanoseconds spent inside {@link #embedAhead}, on the pipeline's embedding thread. */
  synchronized long aheadNanos() {
    return aheadNanos;
  }

  private synchronized void noteCall(long at) {
    if (firstCallNanos < 0) {
      firstCallNanos = at - start;
    }
  }

  private synchronized void addAhead(long nanos) {
    aheadNanos += nanos;
  }
}
