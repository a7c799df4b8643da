package io.elavira.examples.cli;

import io.elavira.ElaviraAgent;
import io.elavira.ElaviraAgentBuilder;
import io.elavira.ElaviraException;
import io.elavira.document.Chunker;
import io.elavira.document.DocumentIndexer;
import io.elavira.embed.EmbeddingModel;
import io.elavira.ingest.IngestListener;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.ElaviraStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Everything one command needs for an agent home: the in-process embedding model, the language
 * model when one is reachable, and the agent. Closed once, at the end of the command.
 */
final class AgentSession implements AutoCloseable {

  /**
   * Largest chunk in embedding-model word pieces. The model reads at most 256 word pieces per text
   * (and truncates the rest); 200 leaves room for the overlap and the special tokens.
   */
  static final int CHUNK_MAX_TOKENS = 200;

  /** Word pieces repeated from the end of one chunk at the start of the next. */
  static final int CHUNK_OVERLAP_TOKENS = 30;

  /** The database file of an agent home (as ElaviraAgent names it). */
  private static final String DATABASE_FILE = "elavira.db";

  private final OnnxEmbeddingModel embeddings;
  private final CountingEmbeddings counting;
  private final @Nullable LlmProvider llm;
  private final ElaviraStore store;
  private final ElaviraAgent agent;
  private final @Nullable ConfiguredAgent configured;
  private final List<AutoCloseable> indexes;
  private final Duration openTime;

  private AgentSession(
      OnnxEmbeddingModel embeddings,
      CountingEmbeddings counting,
      @Nullable LlmProvider llm,
      ElaviraStore store,
      @Nullable ConfiguredAgent configured,
      ElaviraAgent agent,
      List<AutoCloseable> indexes,
      Duration openTime) {
    this.embeddings = embeddings;
    this.counting = counting;
    this.llm = llm;
    this.store = store;
    this.configured = configured;
    this.agent = agent;
    this.indexes = List.copyOf(indexes);
    this.openTime = openTime;
  }

  /**
   * Loads the embedding model, checks the language model and opens the agent stored in {@code
   * home}.
   *
   * <p>The three slow steps of a start run at once on a small pool owned by this call and shut down
   * before it returns: loading the ONNX model, the language-model health check (bounded by {@link
   * LlmOptions#CONNECT_PROBE_TIMEOUT} and {@link LlmOptions#HEALTH_TIMEOUT}), and a first open of
   * the home's database, which loads the SQLite native library, the data-access classes and applies
   * migrations. The agent is then built on the calling thread from the loaded model, on a database
   * that is ready.
   *
   * @param home agent home (created if missing)
   * @param llmOptions which language model to use; null means none (extractive answers)
   * @param indexes the vector store and retrieval mode; null means the defaults (in-memory, dense)
   * @param err where the notice about extractive mode goes
   * @throws io.elavira.ElaviraException when {@code home} is not a folder, or the model or the
   *     database cannot be opened
   */
  static AgentSession open(
      Path home, @Nullable LlmOptions llmOptions, @Nullable IndexOptions indexes, PrintWriter err) {
    return open(home, llmOptions, indexes, err, AgentOption.DEFAULT_AGENT);
  }

  /**
   * As {@link #open(Path, LlmOptions, IndexOptions, PrintWriter)}, for the agent {@code agentId} of
   * the home, with its documents and conversations. An agent other than {@code default} runs
   * through the home's agent registry on its own stored configuration ({@link ConfiguredAgent}):
   * its models, retrieval, guard and cache, the provider and index options being refused. The
   * {@code default} agent answers with the command line's model, and takes the system prompt,
   * retrieval depth and memory settings of its stored configuration when it has one.
   *
   * @throws io.elavira.ElaviraException when the agent does not exist (listing those that do),
   *     provider or index options are given for a configured agent, or the {@code default} agent's
   *     configuration names an embedding model other than the CLI's
   */
  static AgentSession open(
      Path home,
      @Nullable LlmOptions llmOptions,
      @Nullable IndexOptions indexes,
      PrintWriter err,
      String agentId) {
    long start = System.nanoTime();
    requireFolder(home);
    boolean registry = ConfiguredAgent.configured(agentId);
    if (registry) {
      ConfiguredAgent.refuseOverrides(agentId, llmOptions, indexes);
    }
    ExecutorService pool = StartupSteps.pool();
    Future<OnnxEmbeddingModel> model =
        pool.submit(
            () -> {
              OnnxEmbeddingModel.useNativeLibraryFolder(home.resolve(ElaviraStore.NATIVES_FOLDER));
              return OnnxEmbeddingModel.allMiniLmL6V2();
            });
    Future<LlmOptions.Check> check =
        llmOptions == null || registry ? null : pool.submit(llmOptions::check);
    Future<ElaviraStore> opening =
        pool.submit(() -> ElaviraStore.open(home.resolve(DATABASE_FILE)));
    pool.shutdown();
    OnnxEmbeddingModel embeddings = null;
    LlmProvider llm = null;
    ElaviraStore store = null;
    ConfiguredAgent configured = null;
    List<AutoCloseable> opened = List.of();
    try {
      embeddings = StartupSteps.await(model);
      if (llmOptions != null && check != null) {
        LlmOptions.Check result = llmOptions.await(check);
        llm = result.provider();
        if (result.notice() != null) {
          err.println(result.notice());
          err.flush();
        }
      }
      store = StartupSteps.await(opening);
      CountingEmbeddings counting = new CountingEmbeddings(embeddings);
      if (registry) {
        configured =
            ConfiguredAgent.open(
                store,
                home,
                agentId,
                counting,
                llmOptions != null ? llmOptions.environment() : System::getenv,
                llmOptions == null || llmOptions.offline());
        return new AgentSession(
            embeddings,
            counting,
            null,
            store,
            configured,
            configured.agent(),
            List.of(),
            Duration.ofNanos(System.nanoTime() - start));
      }
      var builder = ElaviraAgent.builder().store(store).embeddings(counting);
      StoredDefaults.apply(builder, store, agentId, llmOptions);
      if (llm != null) {
        builder = builder.llm(llm);
      }
      if (indexes != null) {
        opened = indexes.configure(builder, home, embeddings.dimension());
      }
      ElaviraAgent agent = builder.build();
      return new AgentSession(
          embeddings,
          counting,
          llm,
          store,
          null,
          agent,
          opened,
          Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException | Error e) {
      pool.shutdownNow();
      StartupSteps.closeQuietly(configured);
      for (AutoCloseable index : opened) {
        StartupSteps.closeQuietly(index);
      }
      if (store != null) {
        StartupSteps.closeQuietly(store);
      } else {
        StartupSteps.closeQuietly(opening);
      }
      if (llm != null) {
        StartupSteps.closeQuietly(llm);
      } else {
        StartupSteps.closeQuietly(check);
      }
      if (embeddings != null) {
        StartupSteps.closeQuietly(embeddings);
      } else {
        StartupSteps.closeQuietly(model);
      }
      throw e;
    }
  }

  /** The database file of an agent home. */
  static Path database(Path home) {
    return home.resolve(DATABASE_FILE);
  }

  /**
   * Opens only the home's database (no model): for the commands that read or write records.
   *
   * @throws ElaviraException when {@code home} is a file, or the database cannot be opened
   */
  static ElaviraStore openStore(Path home) {
    requireFolder(home);
    return ElaviraStore.open(database(home));
  }

  private static void requireFolder(Path home) {
    if (Files.exists(home) && !Files.isDirectory(home)) {
      throw new ElaviraException(
          "The agent home "
              + home
              + " is a file, not a folder: pass"
              + " --home a folder (it is created if missing).");
    }
  }

  /** The agent. */
  ElaviraAgent agent() {
    return agent;
  }

  /**
   * Checks, without writing, that a conversation named by the user is new or theirs, so that no
   * command shows or continues another user's conversation.
   *
   * @throws IllegalArgumentException when the conversation belongs to another user (or agent)
   */
  void checkConversation(String userId, String conversationId) {
    store.conversations().checkConversation(agent.agentId(), userId, conversationId);
  }

  /**
   * Prints a hint on {@code err} when the agent has no document yet: answers would find nothing.
   */
  void hintWhenEmpty(Path home, PrintWriter err) {
    if (agent.listDocuments().isEmpty()) {
      boolean named = !agent.agentId().equals(ElaviraAgentBuilder.DEFAULT_AGENT_ID);
      err.println(
          "No documents in "
              + home
              + (named ? " for agent " + agent.agentId() : "")
              + " yet: add some with `elavira ingest --home "
              + home
              + (named ? " --agent " + agent.agentId() : "")
              + " PATH...`.");
      err.flush();
    }
  }

  /** Texts sent to the embedding model since the session opened (questions included). */
  long embeddedTexts() {
    return counting.texts();
  }

  /**
   * Lets {@code observer} watch the batches of passages the agent embeds (ingestion progress and
   * Ctrl-C), or stops watching when null.
   */
  void observeEmbeddings(CountingEmbeddings.@Nullable Observer observer) {
    counting.observe(observer);
  }

  /** Whether a language model is wired (answers may be generated). */
  boolean hasLlm() {
    return llm != null || (configured != null && configured.hasLlm());
  }

  /** How long loading the model, checking the LLM and opening the agent took. */
  Duration openTime() {
    return openTime;
  }

  /**
   * An ingestion pipeline writing to this agent, with chunks sized in the embedding model's own
   * word pieces so that no chunk is truncated when embedded.
   */
  IngestionPipeline pipeline(IngestListener listener) {
    return pipeline(agent, listener);
  }

  /**
   * As {@link #pipeline(IngestListener)}, writing to {@code indexer} (the agent as one user, for
   * the server's uploads).
   */
  IngestionPipeline pipeline(DocumentIndexer indexer, IngestListener listener) {
    return IngestionPipeline.builder()
        .indexer(indexer)
        .chunker(chunker())
        .listener(listener)
        .build();
  }

  /**
   * As {@link #pipeline(IngestListener)}, with the limits given on the command line ({@code
   * --max-file-size}...).
   */
  IngestionPipeline pipeline(IngestListener listener, IngestLimitOptions limits) {
    return limits
        .configure(IngestionPipeline.builder())
        .indexer(agent)
        .chunker(chunker())
        .listener(listener)
        .build();
  }

  /** The chunker of this home: chunks sized in the embedding model's own word pieces. */
  Chunker chunker() {
    return RecursiveChunker.builder()
        .maxTokens(CHUNK_MAX_TOKENS)
        .overlapTokens(CHUNK_OVERLAP_TOKENS)
        .tokenCounter(embeddings.tokenCounter())
        .build();
  }

  /**
   * The home's database, shared by every agent built on it (for apps with several agents, and for
   * records beside the agent such as generated documents).
   */
  ElaviraStore store() {
    return store;
  }

  /** The embedding model (counting the texts embedded), for apps that build their own agents. */
  EmbeddingModel embeddings() {
    return counting;
  }

  /** The language model, or null when answers are extractive. Owned by this session. */
  @Nullable LlmProvider llm() {
    return llm;
  }

  private static void closeIndex(AutoCloseable index) {
    try {
      index.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ElaviraException("Could not close the index " + index, e);
    }
  }

  @Override
  public void close() {
    try {
      try {
        if (configured != null) {
          configured.close(); // the registry closes the agent it built
        } else {
          agent.close();
        }
      } finally {
        try {
          for (AutoCloseable index : indexes) {
            closeIndex(index);
          }
        } finally {
          store.close();
        }
      }
    } finally {
      try {
        if (llm != null) {
          llm.close();
        }
      } finally {
        embeddings.close();
      }
    }
  }
}
