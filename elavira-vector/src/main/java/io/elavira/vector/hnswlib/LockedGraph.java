package io.elavira.vector.hnswlib;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The graph and its files behind the locking rules of {@link HnswlibVectorStore}: writes are
 * serialized, each is logged (durable) before the graph changes, searches run in parallel with each
 * other and are held out only while a change applies, so they see each write whole or not at all.
 * Not API.
 *
 * <p>Every method checks that the storage is open first (else {@link IllegalStateException}) and
 * turns an I/O failure into a {@link VectorStoreException} that names the directory. Thread-safe.
 */
final class LockedGraph {
  private final HnswGraph graph;
  private final HnswStorage storage;
  private final ReentrantLock writes = new ReentrantLock();
  private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();

  LockedGraph(HnswGraph graph, HnswStorage storage) {
    this.graph = graph;
    this.storage = storage;
  }

  /** Logs and applies an upsert of already validated items. */
  void upsert(List<HnswItem> items) {
    write(() -> storage.logUpsert(items), () -> graph.upsert(items));
  }

  /** Logs and applies the deletion of {@code ids} (absent ids are ignored). */
  void delete(List<String> ids) {
    write(() -> storage.logDelete(ids), () -> graph.delete(ids));
  }

  /**
   * Deletes the records that match {@code filter}; returns how many (exact: no write interleaves).
   */
  int delete(Filter filter) {
    writes.lock();
    try {
      storage.ensureOpen();
      List<String> ids = graph.ids(filter);
      if (!ids.isEmpty()) {
        delete(ids);
      }
      return ids.size();
    } finally {
      writes.unlock();
    }
  }

  /** Logs a checkpoint; the graph does not change. */
  void checkpoint(String checkpoint) {
    write(() -> storage.logCheckpoint(checkpoint), () -> {});
  }

  /**
   * Adds many items on {@code threads} threads with searches held out, then writes a snapshot
   * instead of logging them: the snapshot makes the whole batch durable at once.
   *
   * @throws VectorStoreException when the snapshot cannot be written or the thread is interrupted
   */
  void addAll(List<HnswItem> items, int threads) {
    writes.lock();
    try {
      storage.ensureOpen();
      applying.writeLock().lock();
      try {
        graph.addAll(items, threads);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VectorStoreException(
            "bulk add into " + storage.path() + " was interrupted; the store holds part of it", e);
      } finally {
        applying.writeLock().unlock();
      }
      storage.snapshot(graph);
    } catch (IOException e) {
      throw storage.failure("write", e);
    } finally {
      writes.unlock();
    }
  }

  /** Searches the graph (see {@link HnswGraph#search}); in parallel with other searches. */
  List<SearchHit> search(float[] query, int topK, Filter filter, double minScore) {
    applying.readLock().lock();
    try {
      storage.ensureOpen();
      return graph.search(query, topK, filter, minScore);
    } finally {
      applying.readLock().unlock();
    }
  }

  /** Counts the records that match {@code filter}. */
  int count(Filter filter) {
    applying.readLock().lock();
    try {
      storage.ensureOpen();
      return graph.count(filter);
    } finally {
      applying.readLock().unlock();
    }
  }

  /** Snapshots when changes were logged since the last snapshot, and releases the files. */
  void close() {
    writes.lock();
    try {
      storage.close(graph);
    } finally {
      writes.unlock();
    }
  }

  /** Logs a change (durable), applies it with searches held out, then snapshots if it is time. */
  private void write(LogAction log, Runnable apply) {
    writes.lock();
    try {
      storage.ensureOpen();
      log.run();
      applying.writeLock().lock();
      try {
        apply.run();
      } finally {
        applying.writeLock().unlock();
      }
      storage.snapshotIfDue(graph);
    } catch (IOException e) {
      throw storage.failure("write", e);
    } finally {
      writes.unlock();
    }
  }

  /** A change log append. */
  @FunctionalInterface
  private interface LogAction {
    void run() throws IOException;
  }
}
