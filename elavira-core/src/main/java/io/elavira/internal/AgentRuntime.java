package io.elavira.internal;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.LlmProvider;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.retrieval.internal.DenseRetriever;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorStore;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The parts of one open agent wired together, and which of them the agent owns.
 *
 * <p>Owned: the database when the agent opened it from its home (not a store shared by several
 * agents), the in-memory vector store created when none was given, the stream pool created when no
 * executor was given. Everything passed in stays the caller's to close.
 *
 * <p>Immutable once opened and thread-safe as its parts are; {@link io.elavira.ElaviraAgent} calls
 * {@link #close()} once, after the running calls ended.
 */
public final class AgentRuntime {
  // Running calls were cancelled and waited for by the agent before this; queued streams are
  // refused as closed and only need a moment to run.
  private static final long EXECUTOR_GRACE_MILLIS = 1_000;

  private final AgentConfig config;
  private final ElaviraStore store;
  private final boolean ownsStore;
  private final VectorStore vectors;
  private final boolean ownsVectors;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final DocumentIndexWriter indexer;
  private final RequestChain chain;
  private final PassageSearch search;
  private final ConversationHistory history;

  private AgentRuntime(
      AgentConfig config,
      ElaviraStore store,
      boolean ownsStore,
      EmbeddingModel embeddings,
      @Nullable VectorStore vectors,
      @Nullable LlmProvider llm,
      @Nullable Executor executor,
      int streamThreads,
      int streamQueue,
      RetrievalSettings retrieval,
      RoutingSettings routing,
      CacheAndEvents extras) {
    this.config = config;
    this.store = store;
    this.ownsStore = ownsStore;
    this.ownsVectors = vectors == null;
    VectorStore index = vectors == null ? new InMemoryVectorStore() : vectors;
    this.vectors = index;
    this.indexer =
        new DocumentIndexWriter(
            config.agentId(),
            embeddings,
            index,
            retrieval.lexical(),
            store.documents(),
            store.audit());
    // Questions only, shared by retrieval and long-term recall (embedded once for both); ingestion
    // goes through ChunkEmbedder, with the same persisted cache.
    EmbeddingModel questions =
        new QueryEmbedder(embeddings, store.documents(), QueryEmbedder.DEFAULT_MAX_ENTRIES);
    this.search = indexer.sync().followingSearch(search(retrieval, questions, index, store));
    this.chain =
        new RequestChain(config, store, search, llm, embeddings, questions, routing, extras);
    this.history = new ConversationHistory(config.agentId(), store.conversations());
    if (executor == null) {
      ExecutorService pool = streamPool(config.agentId(), streamThreads, streamQueue);
      this.ownedExecutor = pool;
      this.executor = pool;
    } else {
      this.ownedExecutor = null;
      this.executor = executor;
    }
  }

  /**
   * The search of the mode: the dense retriever, or the hybrid one with its weights; both flag weak
   * matches below the settings' threshold.
   */
  private static PassageSearch search(
      RetrievalSettings retrieval,
      EmbeddingModel questions,
      VectorStore index,
      ElaviraStore store) {
    LexicalIndex lexical = retrieval.lexical();
    if (retrieval.mode() == RetrievalMode.DENSE || lexical == null) {
      return PassageSearch.dense(
          new DenseRetriever(questions, index, store.documents()), retrieval.weakMatchBelow());
    }
    HybridRetriever.Builder hybrid =
        HybridRetriever.builder(questions, index, lexical, store.documents())
            .weakMatchBelow(retrieval.weakMatchBelow());
    if (retrieval.mode() == RetrievalMode.LEXICAL) {
      hybrid.denseWeight(0);
    } else {
      hybrid.denseWeight(retrieval.denseWeight()).lexicalWeight(retrieval.lexicalWeight());
    }
    return PassageSearch.of(hybrid.build());
  }

  /**
   * Wires the parts over {@code store}, finishes half-indexed documents and rebuilds the vector
   * index when it holds nothing for the agent. Closes what it owns on failure.
   *
   * @param ownsStore whether {@link #close()} closes the store
   * @param vectors the vector store, or null for a new in-memory one
   * @param llm the model, or null
   * @param executor runs streams, or null for an owned pool of {@code streamThreads}
   * @param retrieval the retrieval mode, the lexical index (not owned, kept in step with the
   *     database like the vector index), the fusion weights and the weak-match threshold
   * @param routing the route policy and the remote model (not owned), or {@link
   *     RoutingSettings#NONE}
   * @param extras the response cache policy (or none) and the listeners
   */
  public static AgentRuntime open(
      AgentConfig config,
      ElaviraStore store,
      boolean ownsStore,
      EmbeddingModel embeddings,
      @Nullable VectorStore vectors,
      @Nullable LlmProvider llm,
      @Nullable Executor executor,
      int streamThreads,
      int streamQueue,
      RetrievalSettings retrieval,
      RoutingSettings routing,
      CacheAndEvents extras) {
    Objects.requireNonNull(extras, "extras");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(retrieval, "retrieval");
    Objects.requireNonNull(embeddings, "embeddings");
    Objects.requireNonNull(store, "store");
    AgentRuntime runtime = null;
    try {
      runtime =
          new AgentRuntime(
              config,
              store,
              ownsStore,
              embeddings,
              vectors,
              llm,
              executor,
              streamThreads,
              streamQueue,
              retrieval,
              routing,
              extras);
      new IndexRecovery(
              config.agentId(),
              embeddings,
              runtime.vectors,
              store.documents(),
              store.audit(),
              runtime.indexer)
          .run();
      return runtime;
    } catch (RuntimeException | Error e) {
      if (runtime != null) {
        runtime.close();
      } else if (ownsStore) {
        store.close();
      }
      throw e;
    }
  }

  /** The settings. */
  public AgentConfig config() {
    return config;
  }

  /** The system of record. */
  public ElaviraStore store() {
    return store;
  }

  /** Runs streams. */
  public Executor executor() {
    return executor;
  }

  /** Indexes documents. */
  public DocumentIndexWriter indexer() {
    return indexer;
  }

  /** Finds passages: the search the request chain uses, kept in step with the index. */
  public PassageSearch search() {
    return search;
  }

  /** Answers questions. */
  public RequestChain chain() {
    return chain;
  }

  /** Reads the agent's conversations. */
  public ConversationHistory history() {
    return history;
  }

  /**
   * Shuts the owned pool down (letting queued streams run, for at most 30 s), then closes the owned
   * vector store and the database.
   */
  public void close() {
    try {
      if (ownedExecutor != null) {
        ownedExecutor.shutdown();
        if (!ownedExecutor.awaitTermination(EXECUTOR_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
          ownedExecutor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      if (ownedExecutor != null) {
        ownedExecutor.shutdownNow();
      }
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (ownsVectors) {
          vectors.close();
        }
      } finally {
        if (ownsStore) {
          store.close();
        }
      }
    }
  }

  private static ExecutorService streamPool(String agentId, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "elavira-" + agentId + "-stream-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
