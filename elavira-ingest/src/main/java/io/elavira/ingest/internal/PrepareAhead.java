package io.elavira.ingest.internal;

import io.elavira.document.IndexRequest;
import io.elavira.document.IngestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads, cleans and chunks the files of one ingestion run ahead of the indexer, and hands them out
 * in file order.
 *
 * <p>Up to {@code parallelism} files are prepared at once, each on a {@link FileDeadline} thread of
 * its own. A worker that finishes starts the next file itself, so preparation goes on while the
 * caller is busy indexing (embedding) the files before: the model is not left waiting for files
 * that could have been read meanwhile. Preparation stops running ahead once the files prepared and
 * not yet taken hold {@code aheadChunks} chunks, which bounds the memory of the look-ahead; the
 * file the caller asks for is always started.
 *
 * <p>A file over the time limit is abandoned (its thread interrupted, and no longer counted against
 * {@code parallelism}, so a stuck library never stalls the run). {@link #close()} stops everything
 * still running.
 *
 * <p>Thread-safe: {@link #next()} is called by the run's thread, the workers report here from
 * theirs; the state is guarded by this object's monitor.
 */
public final class PrepareAhead implements AutoCloseable {
  /**
   * One file handed out: its prepared request, or why it failed.
   *
   * @param path the file
   * @param request what to index, or null when it failed
   * @param error why it failed, or null
   */
  public record Prepared(
      Path path, @Nullable IndexRequest request, @Nullable IngestException error) {
    /** Requires exactly one of request and error. */
    public Prepared {
      Objects.requireNonNull(path, "path");
      if ((request == null) == (error == null)) {
        throw new IllegalArgumentException("a prepared file has a request or an error");
      }
    }
  }

  private enum State {
    RUNNING,
    DONE,
    ABANDONED
  }

  private final List<FileCollector.Candidate> candidates;
  private final Function<Path, IndexRequest> preparer;
  private final int parallelism;
  private final int aheadChunks;
  private final Duration maxTimePerFile;
  private final List<@Nullable FileDeadline<IndexRequest>> work;
  private final State[] states;
  private final int[] chunks;
  private int nextToStart;
  private int nextToTake;
  private int running;
  private int waitingChunks;
  private boolean closed;

  /**
   * Starts preparing the first files at once.
   *
   * @param candidates the files in the order they are handed out; failed ones are handed out as
   *     they are
   * @param preparer reads, cleans and chunks one file; thread-safe
   * @param parallelism the most files prepared at once, at least 1
   * @param aheadChunks no file is started ahead once the files prepared and not taken hold this
   *     many chunks, at least 1
   * @param maxTimePerFile the time limit of one file, counted from its start
   */
  public PrepareAhead(
      List<FileCollector.Candidate> candidates,
      Function<Path, IndexRequest> preparer,
      int parallelism,
      int aheadChunks,
      Duration maxTimePerFile) {
    if (parallelism < 1 || aheadChunks < 1) {
      throw new IllegalArgumentException("parallelism and aheadChunks must be >= 1");
    }
    this.candidates = List.copyOf(candidates);
    this.preparer = Objects.requireNonNull(preparer, "preparer");
    this.parallelism = parallelism;
    this.aheadChunks = aheadChunks;
    this.maxTimePerFile = Objects.requireNonNull(maxTimePerFile, "maxTimePerFile");
    int size = this.candidates.size();
    this.work = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      work.add(null);
    }
    this.states = new State[size];
    this.chunks = new int[size];
    synchronized (this) {
      startMore();
    }
  }

  /** Whether a file remains to be handed out. */
  public synchronized boolean hasNext() {
    return nextToTake < candidates.size();
  }

  /**
   * The next file in order, waiting for its preparation (at most the time limit from its start).
   * Failures, TIMED_OUT included, are handed out as the file's error, not thrown.
   *
   * @throws java.util.NoSuchElementException when every file was handed out
   * @throws RuntimeException an unchecked exception other than {@link IngestException} that escaped
   *     the preparer
   */
  public Prepared next() {
    int index;
    FileDeadline<IndexRequest> deadline;
    synchronized (this) {
      if (nextToTake >= candidates.size()) {
        throw new java.util.NoSuchElementException("every file was handed out");
      }
      index = nextToTake++;
      while (nextToStart <= index && !closed) {
        startOne(); // the file asked for starts even when the look-ahead is full
      }
      startMore();
      FileCollector.Candidate candidate = candidates.get(index);
      if (candidate.error() != null) {
        return new Prepared(candidate.path(), null, candidate.error());
      }
      FileDeadline<IndexRequest> started = work.get(index);
      if (started == null) {
        throw new IllegalStateException("the preparation of the files was closed");
      }
      deadline = started;
    }
    Path path = candidates.get(index).path();
    try {
      IndexRequest request = deadline.await();
      taken(index);
      return new Prepared(path, request, null);
    } catch (IngestException e) {
      taken(index);
      return new Prepared(path, null, e);
    } catch (RuntimeException | Error e) {
      taken(index);
      throw e;
    }
  }

  /** Stops starting files and interrupts those being prepared. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    for (int i = 0; i < nextToStart; i++) {
      FileDeadline<IndexRequest> running = work.get(i);
      if (running != null && states[i] == State.RUNNING) {
        running.interrupt();
      }
    }
  }

  /** Starts files ahead while the limits allow. */
  private void startMore() {
    while (!closed
        && nextToStart < candidates.size()
        && running < parallelism
        && waitingChunks < aheadChunks) {
      startOne();
    }
  }

  private void startOne() {
    int index = nextToStart++;
    FileCollector.Candidate candidate = candidates.get(index);
    if (candidate.error() != null) {
      states[index] = State.DONE;
      return;
    }
    Path path = candidate.path();
    states[index] = State.RUNNING;
    running++;
    work.set(
        index,
        FileDeadline.start(
            path,
            maxTimePerFile,
            () -> {
              int prepared = 0;
              try {
                IndexRequest request = preparer.apply(path);
                prepared = request.chunks().size();
                return request;
              } finally {
                finished(index, prepared);
              }
            }));
  }

  /** A worker is done with a file (whatever the outcome): counts it, and starts the next ones. */
  private synchronized void finished(int index, int preparedChunks) {
    if (states[index] != State.RUNNING) {
      return; // abandoned after its time limit: no longer counted
    }
    states[index] = State.DONE;
    chunks[index] = preparedChunks;
    running--;
    waitingChunks += preparedChunks;
    startMore();
  }

  /** The caller has the file (or gave up on it): it no longer counts as waiting or running. */
  private synchronized void taken(int index) {
    if (states[index] == State.RUNNING) {
      states[index] = State.ABANDONED;
      running--;
    } else if (states[index] == State.DONE) {
      waitingChunks -= chunks[index];
      chunks[index] = 0;
    }
    startMore();
  }
}
