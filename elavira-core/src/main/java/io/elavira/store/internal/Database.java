package io.elavira.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.elavira.ElaviraException;
import io.elavira.store.ElaviraStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Not API. One SQLite database file reached through Jdbi.
 *
 * <p>Every connection gets the same pragmas (WAL, {@code synchronous=NORMAL}, foreign keys, busy
 * timeout) through {@link SQLiteConfig}. Write transactions start with {@code BEGIN IMMEDIATE} and
 * are serialized inside the JVM by a lock, so threads of one process queue on the lock instead of
 * polling SQLite's busy handler; the busy timeout still covers other processes (a CLI command while
 * a server runs). Reads run without the lock, concurrently (WAL).
 *
 * <p>Connections come from a small pool ({@value #POOL_SIZE} at most) and stay open: opening and
 * closing an SQLite connection per call cost about a sixth of the time of ingesting small files. A
 * keeper connection also stays open for the store's lifetime, so that the WAL file is not
 * checkpointed and deleted whenever the pool lets a connection go.
 *
 * <p>Thread-safe. Calls after {@link #close()} throw {@link IllegalStateException}.
 */
public final class Database implements AutoCloseable {
  /** How long a connection waits for another process's write lock before failing. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** The most connections open at once besides the keeper: reads run concurrently in WAL mode. */
  public static final int POOL_SIZE = 4;

  /** sqlite-jdbc's system property: the folder it copies its native library into. */
  static final String SQLITE_NATIVES_PROPERTY = "org.sqlite.tmpdir";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final Path file;
  private final Jdbi jdbi;
  private final Clock clock;
  private final Connection keeper;
  private final HikariDataSource pool;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final FileChannel processLock;

  private Database(
      Path file,
      Jdbi jdbi,
      Clock clock,
      Connection keeper,
      HikariDataSource pool,
      FileChannel processLock) {
    this.processLock = processLock;
    this.file = file;
    this.jdbi = jdbi;
    this.clock = clock;
    this.keeper = keeper;
    this.pool = pool;
  }

  /**
   * Opens (creating it and its parent directories when missing) the database file.
   *
   * @throws ElaviraException when the directory cannot be created or the file cannot be opened
   */
  public static Database open(Path file, Clock clock) {
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new ElaviraException(
          "Cannot create the directory "
              + parent
              + " for the Elavira database: "
              + e
              + ". Check the path and its permissions.",
          e);
    }
    if (parent != null) {
      keepNativeLibraryIn(parent.resolve(ElaviraStore.NATIVES_FOLDER));
    }
    FileChannel processLock = lockInProcess(absolute);
    try {
      return open(absolute, clock, processLock);
    } catch (RuntimeException | Error e) {
      closeQuietly(processLock);
      throw e;
    }
  }

  /**
   * Points sqlite-jdbc at {@code natives} for the copy of its native library it makes when it first
   * loads in this JVM (deleted at exit; a copy a killed process left is deleted by the next load),
   * so that nothing is written outside the database's folder. JVM-wide, like the library: it does
   * nothing when the property is already set, by the user or by an earlier database of this JVM.
   * When the folder cannot be created, sqlite-jdbc uses the temporary folder as it would have.
   */
  private static synchronized void keepNativeLibraryIn(Path natives) {
    if (System.getProperty(SQLITE_NATIVES_PROPERTY) != null) {
      return;
    }
    try {
      Files.createDirectories(natives);
    } catch (IOException e) {
      LOG.debug("Cannot create {}; sqlite-jdbc unpacks into the temporary folder", natives, e);
      return;
    }
    System.setProperty(SQLITE_NATIVES_PROPERTY, natives.toString());
  }

  /**
   * Takes a SHARED lock on {@code <file>.lock}: other processes take it too (a CLI next to a server
   * on the same home is fine), but the JVM refuses a second lock on the same file from this
   * process, which is how a second open of one home in one process is detected without any static
   * state.
   */
  private static FileChannel lockInProcess(Path absolute) {
    Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ElaviraException(
          "Cannot create the lock file "
              + lockFile
              + " of the Elavira database: "
              + e
              + ". Check that the directory is writable.",
          e);
    }
    try {
      if (channel.tryLock(0, Long.MAX_VALUE, true) == null) {
        throw new ElaviraException(
            "Another program holds an exclusive lock on " + lockFile + "; stop it and retry.");
      }
      return channel;
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new ElaviraException(
          "The Elavira database "
              + absolute
              + " is already open in this process. Open it once with ElaviraStore.open(...) and"
              + " share that store between the agents of this home"
              + " (ElaviraAgent.builder().store(store)), or close the other agent first.",
          e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ElaviraException("Cannot lock " + lockFile + ": " + e, e);
    }
  }

  private static Database open(Path absolute, Clock clock, FileChannel processLock) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + absolute);
    Connection keeper;
    try {
      keeper = dataSource.getConnection();
    } catch (SQLException e) {
      throw new ElaviraException(
          "Cannot open the Elavira database "
              + absolute
              + ": "
              + e.getMessage()
              + ". Check that it is an SQLite file and that it is readable and writable.",
          e);
    }
    HikariConfig poolConfig = new HikariConfig();
    poolConfig.setDataSource(dataSource);
    poolConfig.setPoolName("elavira-sqlite");
    poolConfig.setMaximumPoolSize(POOL_SIZE);
    poolConfig.setMinimumIdle(1);
    poolConfig.setRegisterMbeans(false);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig);
    } catch (RuntimeException e) {
      closeQuietly(keeper);
      throw new ElaviraException(
          "Cannot open the Elavira database "
              + absolute
              + ": "
              + e.getMessage()
              + ". Check that it is an SQLite file and that it is readable and"
              + " writable.",
          e);
    }
    Jdbi jdbi = Jdbi.create(pool);
    // Statement arguments may hold private text: keep them out of exception messages.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    return new Database(absolute, jdbi, clock, keeper, pool, processLock);
  }

  /** The database file, absolute. */
  public Path file() {
    return file;
  }

  /** The clock that stamps rows. */
  public Clock clock() {
    return clock;
  }

  /**
   * Runs a read on its own connection, in auto-commit mode.
   *
   * @param what what is being done, for error messages ("listing documents")
   */
  public <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
    checkOpen();
    try {
      return jdbi.withHandle(callback);
    } catch (JdbiException e) {
      throw wrap(what, e);
    }
  }

  /**
   * Runs a write in one {@code BEGIN IMMEDIATE} transaction, serialized with the other writes of
   * this process: it commits when the callback returns and rolls back when it throws.
   *
   * @param what what is being done, for error messages ("saving document d1")
   */
  public <T> T write(String what, HandleCallback<T, RuntimeException> callback) {
    checkOpen();
    writeLock.lock();
    try {
      checkOpen();
      return jdbi.inTransaction(callback);
    } catch (JdbiException e) {
      throw wrap(what, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Throws {@link IllegalStateException} once closed. */
  public void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("The Elavira store " + file + " is closed");
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes the keeper connection; idempotent. Calls in flight on other threads finish.
   *
   * @throws ElaviraException when SQLite fails to close the connection
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writeLock.lock();
    try {
      pool.close();
      keeper.close();
      processLock.close();
    } catch (SQLException | IOException e) {
      throw new ElaviraException("Cannot close the Elavira database " + file + ": " + e, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Wraps a Jdbi failure; the message names the file and the operation, never the arguments. */
  ElaviraException wrap(String what, JdbiException e) {
    SQLException sql = findSqlException(e);
    String reason = sql != null ? sql.getMessage() : e.getClass().getSimpleName();
    String advice =
        reason != null && reason.contains("SQLITE_BUSY")
            ? " Another process holds the database for more than "
                + BUSY_TIMEOUT_MILLIS
                + " ms: retry, or stop the other Elavira process."
            : "";
    return new ElaviraException(
        "Elavira database " + file + ": " + what + " failed: " + reason + "." + advice, e);
  }

  private static @Nullable SQLException findSqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** Runs a callback on a fresh handle without wrapping errors (migrations wrap their own). */
  <T> T rawHandle(HandleCallback<T, RuntimeException> callback) {
    try (Handle h = jdbi.open()) {
      return callback.withHandle(h);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing the channel releases the lock; nothing else to do.
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already failing: the first error is the one to report
    }
  }
}
