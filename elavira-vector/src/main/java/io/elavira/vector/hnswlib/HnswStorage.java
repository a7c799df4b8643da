package io.elavira.vector.hnswlib;

import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The files of a {@link HnswlibVectorStore}: the directory lock, the snapshot, the change log, the
 * checkpoint, and when to write a new snapshot. Not API; its writes run under the store's write
 * lock, its getters from any thread.
 */
final class HnswStorage {
  static final String LOCK = "write.lock";

  /** A log smaller than this is never worth a snapshot (a few thousand 384-d records). */
  static final long MIN_LOG_BYTES = 8L << 20;

  private final Path path;
  private final int dimension;
  private final long minLogBytes;
  private final FileChannel lockChannel;
  private final OpenState openState;
  private volatile @Nullable String checkpoint;
  private long generation;
  private long snapshotBytes;
  private ChangeLog log;
  private volatile boolean closed;
  private volatile @Nullable IOException broken;

  private HnswStorage(
      Path path,
      int dimension,
      long minLogBytes,
      FileChannel lockChannel,
      OpenState openState,
      @Nullable String checkpoint,
      long generation,
      long snapshotBytes,
      ChangeLog log) {
    this.path = path;
    this.dimension = dimension;
    this.minLogBytes = minLogBytes;
    this.lockChannel = lockChannel;
    this.openState = openState;
    this.checkpoint = checkpoint;
    this.generation = generation;
    this.snapshotBytes = snapshotBytes;
    this.log = log;
  }

  /**
   * Locks the directory, loads the snapshot into {@code graph} and replays the log; creates the
   * files when there are none, and re-creates them empty when they cannot be read.
   */
  static HnswStorage open(Path path, int dimension, int ef, long minLogBytes, HnswGraph graph) {
    FileChannel lockChannel;
    FileLock lock;
    try {
      Files.createDirectories(path);
      lockChannel =
          FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
    } catch (IOException e) {
      throw new VectorStoreException(
          "cannot open the hnswlib store in " + path + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(lockChannel);
      throw new VectorStoreException(
          "hnswlib store "
              + path
              + " is already open (in this or another process); share one instance per directory");
    }
    try {
      return load(path, dimension, ef, minLogBytes, graph, lockChannel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel); // releases the lock
      if (e instanceof VectorStoreException v) {
        throw v;
      }
      throw new VectorStoreException(
          "cannot open the hnswlib store in " + path + ": " + e.getMessage(), e);
    }
  }

  private static HnswStorage load(
      Path path, int dimension, int ef, long minLogBytes, HnswGraph graph, FileChannel lockChannel)
      throws IOException {
    boolean snapshotThere = Files.exists(path.resolve(SnapshotFile.NAME));
    if (snapshotThere) {
      SnapshotFile.Loaded loaded;
      try {
        loaded = SnapshotFile.read(path, ef);
      } catch (IOException e) {
        loaded = null; // torn or damaged: re-created below
      }
      if (loaded != null) {
        if (loaded.header().dimension() != dimension) {
          throw new VectorStoreException(
              "the hnswlib store in "
                  + path
                  + " holds vectors of dimension "
                  + loaded.header().dimension()
                  + ", not "
                  + dimension
                  + ": open it with the embedding model it was built with, or delete the"
                  + " directory to rebuild it");
        }
        graph.replace(loaded.graph());
        String[] checkpoint = {loaded.header().checkpoint()};
        long generation = loaded.header().generation();
        ChangeLog log;
        try {
          log = ChangeLog.replay(path, generation, replay(graph, checkpoint));
        } catch (IOException e) {
          // a log entry whose checksum matched but which cannot be applied: start again empty
          graph.clear();
          return fresh(path, dimension, minLogBytes, graph, lockChannel, OpenState.RECREATED);
        }
        if (log == null) {
          log = ChangeLog.create(path, generation);
        }
        return new HnswStorage(
            path,
            dimension,
            minLogBytes,
            lockChannel,
            OpenState.OPENED,
            checkpoint[0],
            generation,
            Files.size(path.resolve(SnapshotFile.NAME)),
            log);
      }
    }
    // No snapshot: new, unless a log says that one was there (and was removed).
    boolean logThere = Files.exists(path.resolve(ChangeLog.NAME));
    OpenState state = snapshotThere || logThere ? OpenState.RECREATED : OpenState.CREATED;
    return fresh(path, dimension, minLogBytes, graph, lockChannel, state);
  }

  private static HnswStorage fresh(
      Path path,
      int dimension,
      long minLogBytes,
      HnswGraph graph,
      FileChannel lockChannel,
      OpenState state)
      throws IOException {
    long bytes = graph.save(path, new SnapshotFile.Header(dimension, 0, null));
    ChangeLog log = ChangeLog.create(path, 0);
    return new HnswStorage(path, dimension, minLogBytes, lockChannel, state, null, 0, bytes, log);
  }

  private static ChangeLog.Replay replay(HnswGraph graph, @Nullable String[] checkpoint) {
    return new ChangeLog.Replay() {
      @Override
      public void upsert(List<HnswItem> items) {
        graph.upsert(items);
      }

      @Override
      public void delete(List<String> ids) {
        graph.delete(ids);
      }

      @Override
      public void checkpoint(String value) {
        checkpoint[0] = value;
      }
    };
  }

  OpenState openState() {
    return openState;
  }

  @Nullable String checkpoint() {
    return checkpoint;
  }

  Path path() {
    return path;
  }

  void logUpsert(Collection<HnswItem> items) throws IOException {
    log.upsert(items);
  }

  void logDelete(Collection<String> ids) throws IOException {
    log.delete(ids);
  }

  void logCheckpoint(String value) throws IOException {
    log.checkpoint(value);
    checkpoint = value;
  }

  /** Writes a snapshot when the log has grown past half the snapshot's size. */
  void snapshotIfDue(HnswGraph graph) throws IOException {
    if (log.size() > Math.max(minLogBytes, snapshotBytes / 2)) {
      snapshot(graph);
    }
  }

  /** Writes the graph as the next generation's snapshot and starts its empty log. */
  void snapshot(HnswGraph graph) throws IOException {
    long next = generation + 1;
    snapshotBytes = graph.save(path, new SnapshotFile.Header(dimension, next, checkpoint));
    generation = next;
    ChangeLog previous = log;
    try {
      log = ChangeLog.create(path, next);
    } catch (IOException e) {
      // The old log no longer follows the snapshot: writing on would lose writes at the next open.
      broken = e;
      throw e;
    }
    previous.close();
  }

  /** Snapshots what the log holds, then releases the files. Idempotent. */
  void close(HnswGraph graph) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (broken == null && !log.isEmpty()) {
        snapshot(graph);
      }
    } catch (IOException e) {
      throw failure("close", e);
    } finally {
      closeQuietly(log);
      closeQuietly(lockChannel);
    }
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this hnswlib store (" + path + ") is closed");
    }
    IOException failed = broken;
    if (failed != null) {
      throw new VectorStoreException(
          "the hnswlib store in "
              + path
              + " could not start a new change log ("
              + failed.getMessage()
              + "): close it and open it again",
          failed);
    }
  }

  VectorStoreException failure(String what, IOException e) {
    return new VectorStoreException(
        "cannot " + what + " the hnswlib store in " + path + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already failing or closing: the first error is the one reported
    }
  }
}
