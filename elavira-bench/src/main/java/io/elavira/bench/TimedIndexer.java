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
 * files or the pipeline's own work. Used on the run's thread only.
 */
final class TimedIndexer implements DocumentIndexer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final DocumentIndexer delegate;
  long start;
  long firstCallNanos = -1;
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
    if (firstCallNanos < 0) {
      firstCallNanos = at - start;
    }
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
   * Forwarded untimed: the pipeline calls it on a thread of its own, so that the agent embeds the
   * next group while it stores the previous one (the time inside {@code indexAll} is then the
   * store's, plus the model's for what was not embedded ahead).
   */
  @Override
  public void embedAhead(List<IndexRequest> requests) {
    delegate.embedAhead(requests);
  }
}
