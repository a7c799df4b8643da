package io.elavira.store;

import io.elavira.ElaviraException;
import io.elavira.store.internal.Database;
import io.elavira.store.internal.MigrationRunner;
import io.elavira.store.internal.SqlAccountStore;
import io.elavira.store.internal.SqlAgentStore;
import io.elavira.store.internal.SqlAuditLog;
import io.elavira.store.internal.SqlConversationStore;
import io.elavira.store.internal.SqlDocumentStore;
import io.elavira.store.internal.SqlFeedbackStore;
import io.elavira.store.internal.SqlGenerationStore;
import io.elavira.store.internal.SqlMemoryStore;
import io.elavira.store.internal.SqlResponseCache;
import io.elavira.store.internal.SqlUsageStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system of record: one SQLite database file holding conversations, documents, chunks,
 * embeddings and the audit log.
 *
 * <pre>{@code
 * try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
 *   store.conversations().ensureConversation("default", "alice", "c1");
 *   List<StoredMessage> history = store.conversations().recent("c1", 10);
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #open} creates the file and its parent directories when missing and
 * applies the schema migrations the file lacks; an up-to-date file opens in a few milliseconds.
 * {@link #close()} releases the file; any later call on this store or on the stores it handed out
 * throws {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> Thread-safe. Open ONE instance per database file in a process (a second open
 * is refused) and share it: every agent of the home uses it ({@code
 * ElaviraAgent.builder().store(store)}), so there is one connection pool and one write path. Every
 * method of the returned stores is one transaction. Writes of one process are serialized; reads run
 * concurrently with them (SQLite WAL). Several processes may open the same file: a writer waits up
 * to {@value Database#BUSY_TIMEOUT_MILLIS} ms for another process's write lock.
 *
 * <p><b>Errors.</b> Database failures are {@link ElaviraException}s naming the file and the
 * operation, never the data written.
 */
public final class ElaviraStore implements AutoCloseable {
  /**
   * The folder, next to the database file, for native libraries: {@link #open} has SQLite's copied
   * there instead of the JVM's temporary folder (the copy is deleted at exit), and an application
   * may unpack other libraries there (the CLI puts ONNX Runtime's in it, {@code
   * OnnxEmbeddingModel.useNativeLibraryFolder}).
   */
  public static final String NATIVES_FOLDER = "natives";

  private static final Logger LOG = LoggerFactory.getLogger(ElaviraStore.class);

  private final Database db;
  private final ConversationStore conversations;
  private final DocumentStore documents;
  private final AuditLog audit;
  private final FeedbackStore feedback;
  private final SqlUsageStats usage;
  private final MemoryStore memory;
  private final AgentStore agents;
  private final ResponseCacheStore responseCache;
  private final GenerationStore generation;
  private final AccountStore accounts;

  private ElaviraStore(Database db) {
    this.db = db;
    this.conversations = new SqlConversationStore(db);
    this.documents = new SqlDocumentStore(db);
    this.audit = new SqlAuditLog(db);
    this.feedback = new SqlFeedbackStore(db);
    this.usage = new SqlUsageStats(db);
    this.memory = new SqlMemoryStore(db);
    this.agents = new SqlAgentStore(db);
    this.responseCache = new SqlResponseCache(db);
    this.generation = new SqlGenerationStore(db);
    this.accounts = new SqlAccountStore(db);
  }

  /**
   * Opens the database file, creating it (and its parent directories) when missing, and applies
   * pending migrations. SQLite's native library is copied into {@link #NATIVES_FOLDER} beside the
   * file when it first loads in this JVM, unless the system property {@code org.sqlite.tmpdir} is
   * set.
   *
   * @param databaseFile the SQLite file, e.g. {@code home/elavira.db}
   * @return the open store; close it when done
   * @throws ElaviraException when the directory or file cannot be created or opened, when the file
   *     is not an SQLite database, when its schema is newer than this Elavira version, when an
   *     applied migration was edited since, or when the file is already open in this process (share
   *     that store instead)
   */
  public static ElaviraStore open(Path databaseFile) {
    return open(databaseFile, Clock.systemUTC());
  }

  /** As {@link #open(Path)}, stamping rows with {@code clock} (tests). */
  static ElaviraStore open(Path databaseFile, Clock clock) {
    Objects.requireNonNull(databaseFile, "databaseFile");
    Objects.requireNonNull(clock, "clock");
    long started = System.nanoTime();
    Database db = Database.open(databaseFile, clock);
    try {
      int found = MigrationRunner.migrate(db);
      LOG.debug(
          "Opened {} (schema version {} -> {}) in {} ms",
          db.file(),
          found,
          MigrationRunner.latestVersion(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      try {
        db.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new ElaviraStore(db);
  }

  /**
   * Conversations and messages.
   *
   * @throws IllegalStateException when this store is closed
   */
  public ConversationStore conversations() {
    db.checkOpen();
    return conversations;
  }

  /**
   * Documents, chunks and the embedding cache.
   *
   * @throws IllegalStateException when this store is closed
   */
  public DocumentStore documents() {
    db.checkOpen();
    return documents;
  }

  /**
   * The audit log.
   *
   * @throws IllegalStateException when this store is closed
   */
  public AuditLog audit() {
    db.checkOpen();
    return audit;
  }

  /**
   * The agents of the home and their configurations ({@code io.elavira.agent.AgentRegistry} reads
   * and writes them).
   *
   * @throws IllegalStateException when this store is closed
   */
  public AgentStore agents() {
    db.checkOpen();
    return agents;
  }

  /**
   * Users' ratings and comments on answers, and their export for evaluation.
   *
   * @throws IllegalStateException when this store is closed
   */
  public FeedbackStore feedback() {
    db.checkOpen();
    return feedback;
  }

  /**
   * Long-term memory: the question-and-answer pairs of each user's conversations with each agent,
   * and the summaries of long conversations; every query is scoped to one user and one agent.
   *
   * @throws IllegalStateException when this store is closed
   */
  public MemoryStore memory() {
    db.checkOpen();
    return memory;
  }

  /**
   * How an agent was used during a period: requests, latency percentiles, tokens per provider and
   * model, extractive answers, guard rejections, active conversations, response cache hits and
   * misses and fallbacks, computed from the stored answers and the audit log. For {@code elavira
   * stats}, or a dashboard polling it.
   *
   * @param agentId the agent, or null for every agent of the home
   * @param from start of the period, inclusive
   * @param to end of the period, exclusive
   * @throws IllegalArgumentException when {@code to} is not after {@code from}
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when this store is closed
   */
  public UsageStats usage(@Nullable String agentId, Instant from, Instant to) {
    db.checkOpen();
    return usage.usage(agentId, from, to);
  }

  /**
   * The persisted layer of the agents' response caches, shared by every process on the home.
   *
   * @throws IllegalStateException when this store is closed
   */
  public ResponseCacheStore responseCache() {
    db.checkOpen();
    return responseCache;
  }

  /**
   * Versioned profiles and generated documents (cover letters, CVs, emails), for {@code
   * io.elavira.generate}.
   *
   * @throws IllegalStateException when this store is closed
   */
  public GenerationStore generation() {
    db.checkOpen();
    return generation;
  }

  /**
   * Log-in accounts and the state of their tokens, for a server on this home.
   *
   * @throws IllegalStateException when this store is closed
   */
  public AccountStore accounts() {
    db.checkOpen();
    return accounts;
  }

  /** The database file, absolute. Still available after {@link #close()}. */
  public Path databaseFile() {
    return db.file();
  }

  /**
   * Closes the database; idempotent. Calls already running on other threads complete; later calls
   * throw {@link IllegalStateException}.
   *
   * @throws ElaviraException when SQLite fails to close the file
   */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "ElaviraStore[" + db.file() + (db.isClosed() ? ", closed]" : "]");
  }
}
