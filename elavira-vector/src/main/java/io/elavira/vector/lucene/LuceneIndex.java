package io.elavira.vector.lucene;

import io.elavira.vector.Filter;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The engine both Lucene facades share: one index directory, one writer, near-real-time searchers,
 * metadata fields and filters.
 *
 * <p>Every write is one Lucene commit: the new segments and a new {@code segments_N} file are
 * fsynced before the commit point is published, so a crash at any moment leaves the previous commit
 * or the new one, never a mix. A write that fails leaves nothing behind: what it added is rolled
 * back (Lucene's rollback closes the writer, so a new one opens on the last commit) instead of
 * being published by the next write's commit. Writes are serialized by a lock (so {@code
 * delete(Filter)} can count what it deletes); searches run in parallel on the last refreshed
 * searcher.
 */
final class LuceneIndex implements AutoCloseable {
  static final String ID = "id";
  private static final String KEYS = "meta_keys";
  private static final String INDEXED = "m.";
  private static final String STORED = "s.";
  static final String CHECKPOINT = "elavira.checkpoint";

  private final String name;
  private final Path path;
  private final Directory directory;
  private final Supplier<IndexWriterConfig> configs;
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final OpenState openState;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean closed;

  private LuceneIndex(
      String name,
      Path path,
      Directory directory,
      Supplier<IndexWriterConfig> configs,
      IndexWriter writer,
      SearcherManager searchers,
      OpenState openState) {
    this.name = name;
    this.path = path;
    this.directory = directory;
    this.configs = configs;
    this.writer = writer;
    this.searchers = searchers;
    this.openState = openState;
  }

  /**
   * Opens the index in {@code path}, creating it when missing and re-creating it empty when its
   * files cannot be read (the caller then rebuilds it from the system of record).
   */
  static LuceneIndex open(String name, Path path, Analyzer analyzer, Codec codec) {
    return open(name, path, analyzer, codec, 0);
  }

  /**
   * As {@link #open(String, Path, Analyzer, Codec)}, with merges allowed {@code mergeWorkers}
   * threads of their own (0: Lucene's default merge scheduler) so that a codec that merges on
   * several threads (the HNSW graphs) gets them.
   */
  static LuceneIndex open(
      String name, Path path, Analyzer analyzer, Codec codec, int mergeWorkers) {
    try {
      Files.createDirectories(path);
      Directory directory = FSDirectory.open(path);
      OpenState state;
      if (!DirectoryReader.indexExists(directory)) {
        state = OpenState.CREATED;
      } else if (readable(directory)) {
        state = OpenState.OPENED;
      } else {
        state = OpenState.RECREATED;
        // The directory is the index's own: its unreadable files are dropped, then rebuilt.
        for (String file : directory.listAll()) {
          if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
            directory.deleteFile(file);
          }
        }
      }
      // Lucene takes a new config for each writer: the first one, and one after each rollback.
      Supplier<IndexWriterConfig> configs = () -> config(analyzer, codec, mergeWorkers);
      IndexWriterConfig config = configs.get();
      if (state == OpenState.RECREATED) {
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      }
      IndexWriter writer;
      try {
        writer = new IndexWriter(directory, config);
      } catch (LockObtainFailedException e) {
        directory.close();
        throw new VectorStoreException(
            name
                + " index "
                + path
                + " is already open (in this or another process); share one instance per"
                + " directory",
            e);
      }
      if (state != OpenState.OPENED) {
        writer.commit(); // an empty commit: the directory now holds a valid index
      }
      return new LuceneIndex(
          name, path, directory, configs, writer, new SearcherManager(writer, null), state);
    } catch (IOException e) {
      throw new VectorStoreException(
          "cannot open the " + name + " index in " + path + ": " + e.getMessage(), e);
    }
  }

  private static IndexWriterConfig config(Analyzer analyzer, Codec codec, int mergeWorkers) {
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setCodec(codec);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    if (mergeWorkers > 1) {
      // The scheduler lends a merge helper threads only below its thread limit, counting the
      // merge's own thread and one spare: + 1 gives a single merge its mergeWorkers threads.
      ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
      merges.setMaxMergesAndThreads(mergeWorkers + 6, mergeWorkers + 1);
      config.setMergeScheduler(merges);
    }
    return config;
  }

  /**
   * Whether the last commit opens: its {@code segments_N} and every segment's metadata are read and
   * their checksums verified. The data files are not read in full (that would read the whole index
   * at every start, seconds at a million vectors); a data file damaged later fails the search that
   * reads it, and the caller can then {@code delete(Filter.all())} and rebuild.
   */
  private static boolean readable(Directory directory) {
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.numDocs() >= 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  OpenState openState() {
    return openState;
  }

  Path path() {
    return path;
  }

  /**
   * A write: applied, committed (durable) and made visible to searches before it returns; when it
   * fails, whatever it had added is rolled back.
   */
  <T extends @Nullable Object> T write(WriteAction<T> action) {
    writeLock.lock();
    try {
      ensureOpen();
      T result;
      try {
        result = action.apply(writer);
        writer.commit();
      } catch (IOException | RuntimeException | Error e) {
        discardUncommitted(e);
        throw e;
      }
      searchers.maybeRefreshBlocking();
      return result;
    } catch (IOException e) {
      throw new VectorStoreException(
          "cannot write the " + name + " index in " + path + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Drops what a failed write added, which the next commit would otherwise publish: Lucene's
   * rollback closes the writer, so a new writer and searcher manager open on the last commit. A
   * failure to reopen is added to {@code failure}, which the caller throws.
   */
  private void discardUncommitted(Throwable failure) {
    SearcherManager previous = searchers;
    // An interrupted thread cannot open files through NIO channels: the status is set back after.
    boolean interrupted = Thread.interrupted();
    try {
      writer.rollback();
      IndexWriter reopened = new IndexWriter(directory, configs.get());
      searchers = new SearcherManager(reopened, null);
      writer = reopened;
      previous.close(); // searches holding one of its searchers release it as usual
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A search on the last committed state. */
  <T extends @Nullable Object> T read(ReadAction<T> action) {
    ensureOpen();
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw new VectorStoreException("cannot read the " + name + " index in " + path, e);
    }
    try {
      return action.apply(searcher);
    } catch (IOException | UncheckedIOException e) {
      throw new VectorStoreException(
          "cannot read the " + name + " index in " + path + ": " + e.getMessage(), e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new VectorStoreException("cannot release a searcher of " + path, e);
      }
    }
  }

  /** Writes {@code checkpoint} into the next commit's user data, and commits. */
  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  void checkpoint(String checkpoint) {
    write(
        w -> {
          w.setLiveCommitData(Map.of(CHECKPOINT, checkpoint).entrySet());
          return null;
        });
  }

  /** The checkpoint of the last commit, or null when none was ever written. */
  @Nullable String checkpoint() {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (CHECKPOINT.equals(e.getKey())) {
          return e.getValue();
        }
      }
    }
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.getIndexCommit().getUserData().get(CHECKPOINT);
    } catch (IOException e) {
      throw new VectorStoreException("cannot read the commit data of " + path, e);
    }
  }

  /** Deletes every record the filter matches, counting them first under the write lock. */
  int delete(Filter filter) {
    Query query = LuceneIndex.query(filter);
    return write(
        w -> {
          int n = count(query);
          if (n > 0) {
            w.deleteDocuments(query);
          }
          return n;
        });
  }

  int count(Query query) {
    return read(s -> s.count(query));
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      searchers.close();
      writer.close(); // commits anything pending
      directory.close();
    } catch (IOException e) {
      throw new VectorStoreException("cannot close the " + name + " index in " + path, e);
    } finally {
      writeLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this " + name + " index (" + path + ") is closed");
    }
  }

  // ---- metadata ----

  static void addMetadata(Document doc, Map<String, String> metadata) {
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      doc.add(new StringField(KEYS, e.getKey(), Field.Store.NO));
      doc.add(new StringField(INDEXED + e.getKey(), e.getValue(), Field.Store.NO));
      doc.add(new StoredField(STORED + e.getKey(), e.getValue()));
    }
  }

  static Map<String, String> metadata(Document doc) {
    Map<String, String> metadata = new HashMap<>();
    for (IndexableField f : doc.getFields()) {
      if (f.name().startsWith(STORED)) {
        metadata.put(f.name().substring(STORED.length()), f.stringValue());
      }
    }
    return metadata;
  }

  static Term idTerm(String id) {
    return new Term(ID, id);
  }

  /** The Lucene query matching what {@code filter} accepts. */
  static Query query(Filter filter) {
    if (filter instanceof Filter.All) {
      return new MatchAllDocsQuery();
    } else if (filter instanceof Filter.Eq eq) {
      return new TermQuery(new Term(INDEXED + eq.key(), eq.value()));
    } else if (filter instanceof Filter.In in) {
      List<BytesRef> terms = in.values().stream().map(BytesRef::new).toList();
      return new TermInSetQuery(INDEXED + in.key(), terms);
    } else if (filter instanceof Filter.Missing missing) {
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(new TermQuery(new Term(KEYS, missing.key())), Occur.MUST_NOT)
          .build();
    } else if (filter instanceof Filter.And and) {
      BooleanQuery.Builder b =
          new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
      and.filters().forEach(f -> b.add(query(f), Occur.FILTER));
      return b.build();
    } else if (filter instanceof Filter.Or or) {
      BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      or.filters().forEach(f -> b.add(query(f), Occur.SHOULD));
      return b.build();
    }
    throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
  }

  /** A write on the index writer. */
  @FunctionalInterface
  interface WriteAction<T extends @Nullable Object> {
    T apply(IndexWriter writer) throws IOException;
  }

  /** A read on a searcher. */
  @FunctionalInterface
  interface ReadAction<T extends @Nullable Object> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
