package io.elavira;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.EmbeddingModel;
import io.elavira.internal.AgentConfig;
import io.elavira.internal.AgentRuntime;
import io.elavira.internal.OpenState;
import io.elavira.internal.RetrievalSettings;
import io.elavira.internal.StreamCall;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenCounter;
import io.elavira.llm.TokenListener;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.ElaviraStore;
import io.elavira.store.IndexStatus;
import io.elavira.store.RemovedLocation;
import io.elavira.store.StoredMessage;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A personal agent: answers questions from its documents and the conversation so far, with a local
 * or remote language model, or extractively (quoting the best passages) when none answers.
 *
 * <pre>{@code
 * try (ElaviraAgent agent = ElaviraAgent.builder()
 *     .home(Path.of("agent-home"))
 *     .embeddings(OnnxEmbeddingModel.allMiniLmL6V2())
 *     .llm(OllamaProvider.builder().model("llama3.2").build())
 *     .build()) {
 *   agent.index(document, chunks);
 *   Answer answer = agent.ask("alice", "c1", "Quels sont les frais de résiliation ?");
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} opens (or creates) the SQLite system of record
 * {@code home/elavira.db} — or uses the {@link ElaviraStore} given to {@link
 * Builder#store(ElaviraStore)}, shared by every agent of that home in the process — finishes
 * documents a crash left half-indexed, and rebuilds the vector index from the stored chunks and
 * embeddings when it holds nothing for this agent (the default in-memory index is rebuilt on every
 * open). Documents indexed or deleted by another program on the same home are picked up before the
 * next question. {@link #close()} refuses new calls, cancels the running ones and waits for them
 * for at most {@link Builder#closeTimeout(Duration)}, then closes what the agent owns: the database
 * it opened from its home, the default in-memory vector store and the default executor. Components
 * passed to the builder ({@code store}, {@code embeddings}, {@code llm}, {@code vectors}, {@code
 * lexical}, {@code executor}) stay open: their owner closes them. Any call after close throws
 * {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> Thread-safe. Calls on the same conversation are serialized (one exchange is
 * persisted before the next one reads its memory); different conversations run in parallel.
 *
 * <p><b>Conversations.</b> Conversation ids are unique within a home, not within an agent: a
 * conversation belongs to the one agent and the one user that first used it, and asking in it as
 * another agent or user is refused. Agents sharing a home must use distinct ids (for instance
 * prefixed with the agent id, as {@link #defaultConversationId()} is).
 *
 * <p><b>Errors.</b> A blank question or one over {@code maxQuestionChars} is refused with {@link
 * io.elavira.guard.InputRejectedException} and nothing is persisted. A missing or failing model is
 * not an error: the answer is {@link AnswerMode#EXTRACTIVE} and {@link Answer#reason()} says why.
 * Finding no passage is not an error either. Storage failures are {@link ElaviraException}s.
 */
public final class ElaviraAgent implements DocumentIndexer, AutoCloseable {
  private final AgentRuntime runtime;
  private final AgentConfig config;
  private final OpenState state;

  private ElaviraAgent(AgentRuntime runtime) {
    this.runtime = runtime;
    this.config = runtime.config();
    this.state = new OpenState("ElaviraAgent " + config.agentId() + " is closed; build a new one");
  }

  /** A new builder; {@code home} and {@code embeddings} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks a question as user {@code "local"} in this agent's {@link #defaultConversationId()}.
   *
   * @see #ask(String, String, String)
   */
  public Answer ask(String question) {
    return ask("local", defaultConversationId(), question);
  }

  /**
   * The conversation {@link #ask(String)} uses: {@code "default"} for the agent {@value
   * Builder#DEFAULT_AGENT_ID}, {@code "<agentId>:default"} for any other, so that agents sharing a
   * home never collide on it (conversation ids are unique within a home).
   */
  public String defaultConversationId() {
    String agentId = config.agentId();
    return agentId.equals(Builder.DEFAULT_AGENT_ID) ? "default" : agentId + ":default";
  }

  /**
   * Answers a question from the agent's documents (shared ones and those private to {@code userId})
   * and the recent messages of the conversation, and stores the exchange.
   *
   * <p>Blocks the calling thread for the whole request, including the model call.
   *
   * @param userId who asks; created on first use
   * @param conversationId the conversation, unique within the home; created on first use
   * @param question the question, not blank, at most {@code maxQuestionChars} characters
   * @return the answer with the passages it rests on; extractive when no model answered
   * @throws io.elavira.guard.InputRejectedException when the question is blank or too long
   * @throws IllegalArgumentException when {@code userId} or {@code conversationId} is blank, or the
   *     conversation belongs to another agent or user
   * @throws ElaviraException when the store or the embedding model fails
   * @throws IllegalStateException when the agent is closed
   */
  public Answer ask(String userId, String conversationId, String question) {
    requireIds(userId, conversationId);
    return whileOpen(() -> runtime.chain().ask(userId, conversationId, question));
  }

  /**
   * Answers like {@link #ask(String, String, String)} on the agent's executor, handing the answer
   * to {@code listener} as it is generated. See {@link AnswerStream} for how it ends.
   *
   * @throws io.elavira.guard.InputRejectedException at once when the question is blank or too long
   * @throws IllegalArgumentException when {@code userId} or {@code conversationId} is blank
   * @throws IllegalStateException when the agent is closed
   */
  public AnswerStream stream(
      String userId, String conversationId, String question, TokenListener listener) {
    requireIds(userId, conversationId);
    Objects.requireNonNull(listener, "listener");
    StreamCall call =
        whileOpen(
            () -> {
              runtime.chain().check(question);
              return runtime.chain().stream(userId, conversationId, question, listener);
            });
    try {
      runtime.executor().execute(() -> runStream(call));
    } catch (RejectedExecutionException e) {
      call.fail(
          state.isClosed()
              ? state.closedException()
              : new ElaviraException(
                  "Too many answers are streaming at once on agent "
                      + config.agentId()
                      + "; try again when some have finished.",
                  e));
    }
    return new AnswerStream(call.answer(), call::cancel);
  }

  private void runStream(StreamCall call) {
    try {
      whileOpen(
          () -> {
            call.run();
            return null;
          });
    } catch (IllegalStateException e) {
      call.fail(e); // closed before the stream ran; StreamCall.run() itself never throws
    }
  }

  @Override
  public IndexResult index(Document document, List<Chunk> chunks) {
    return whileOpen(() -> runtime.indexer().index(document, chunks, null));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The new chunks of all the documents are embedded together, in full batches, before each
   * document is stored as {@link #index} would; then no document waits on the others' rows.
   */
  @Override
  public List<IndexResult> indexAll(List<IndexRequest> requests) {
    List<IndexRequest> copy = List.copyOf(requests);
    return whileOpen(() -> runtime.indexer().indexAll(copy));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code ownerId} is blank
   */
  @Override
  public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
    if (ownerId == null || ownerId.isBlank()) {
      throw new IllegalArgumentException(
          "ownerId must not be blank, got '"
              + ownerId
              + "'; use index(document, chunks) for a document shared by every user");
    }
    return whileOpen(() -> runtime.indexer().index(document, chunks, ownerId));
  }

  /** This agent's documents, by name. */
  public List<DocumentRecord> documents() {
    return whileOpen(() -> runtime.store().documents().list(config.agentId()));
  }

  /**
   * What this agent knows: its documents with their status, chunk count, size, every path they were
   * found at (byte-identical files are one document), format and dates, by name.
   *
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when the agent is closed
   */
  public List<DocumentInfo> listDocuments() {
    return whileOpen(() -> runtime.indexer().removal().list());
  }

  /**
   * One of this agent's documents, by id or by one of its paths (as it was indexed).
   *
   * @return the document, or empty when this agent has none with that id or path
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<DocumentInfo> findDocument(String idOrPath) {
    Objects.requireNonNull(idOrPath, "idOrPath");
    return whileOpen(() -> runtime.indexer().removal().find(idOrPath));
  }

  /**
   * Removes one of this agent's documents, by id or by one of its paths, with all its paths: its
   * rows and chunks, its vectors, the cached embeddings no other document uses, and, through the
   * change log, its vectors in every other process on the same home (at their next question). To
   * re-ingest a document instead, {@link #index} it again: the new version replaces it whole.
   *
   * @return what was removed, or empty when this agent has no such document
   * @throws ElaviraException when the database fails (nothing is removed then)
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<DocumentInfo> removeDocument(String idOrPath) {
    Objects.requireNonNull(idOrPath, "idOrPath");
    return whileOpen(() -> runtime.indexer().removal().remove(idOrPath));
  }

  /**
   * Forgets the paths under {@code root} that a scan of that folder no longer found: the ingestion
   * pipeline calls it with every location it saw ({@code elavira ingest --prune}). A document whose
   * last path goes is removed as {@link #removeDocument} does; a document still found at another
   * path (a byte-identical copy) stays.
   *
   * @param root the folder scanned, as its locations were indexed (e.g. a canonical absolute path)
   * @param seenLocations every location found under it, as passed to {@link #index}
   * @return the paths removed
   * @throws IllegalArgumentException when {@code root} is blank
   * @throws ElaviraException when the database fails; paths removed before the failure stay removed
   * @throws IllegalStateException when the agent is closed
   */
  public List<RemovedLocation> prune(String root, Collection<String> seenLocations) {
    Objects.requireNonNull(root, "root");
    List<String> seen = List.copyOf(seenLocations);
    return whileOpen(() -> runtime.indexer().removal().prune(root, seen));
  }

  /**
   * How much of this agent's documents its embedding model can search: documents, chunks, and the
   * chunks that are stored but unsearchable because they have no embedding of the model (it changed
   * and could not embed them again, or failed). The agent embeds those again each time it opens.
   *
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when the agent is closed
   */
  public IndexStatus indexStatus() {
    return whileOpen(() -> runtime.indexer().sync().status());
  }

  /**
   * The last {@code maxMessages} messages of one of this agent's conversations, oldest first; empty
   * when the conversation is unknown or belongs to another agent of the home.
   *
   * @throws IllegalArgumentException when {@code maxMessages} is negative
   */
  public List<StoredMessage> history(String conversationId, int maxMessages) {
    Objects.requireNonNull(conversationId, "conversationId");
    if (maxMessages < 0) {
      throw new IllegalArgumentException("maxMessages must be >= 0, got " + maxMessages);
    }
    return whileOpen(
        () ->
            runtime.store().conversations().recent(config.agentId(), conversationId, maxMessages));
  }

  /**
   * The most recently active of {@code userId}'s conversations with this agent, to continue it.
   *
   * @return the conversation id, or empty when the user has none with this agent
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<String> lastConversationId(String userId) {
    Objects.requireNonNull(userId, "userId");
    return whileOpen(
        () ->
            runtime.store().conversations().conversationIds(config.agentId(), userId).stream()
                .findFirst());
  }

  /** The agent's id: the scope of its documents, vectors and conversations. */
  public String agentId() {
    return config.agentId();
  }

  /**
   * Refuses new calls, cancels the running ones (their callers get an {@link
   * io.elavira.llm.LlmException} of kind CANCELLED, and nothing of them is stored), waits for them
   * for at most {@link Builder#closeTimeout(Duration)}, then closes what the agent owns (see the
   * class documentation). Idempotent.
   *
   * @throws IllegalStateException when called from inside a call of this agent (a token listener)
   */
  @Override
  public void close() {
    if (state.close(config.closeTimeout(), runtime.chain()::cancelAll)) {
      runtime.close();
    }
  }

  @Override
  public String toString() {
    return "ElaviraAgent["
        + config.agentId()
        + ", store="
        + runtime.store().databaseFile()
        + (state.isClosed() ? ", closed" : "")
        + "]";
  }

  private <T> T whileOpen(Supplier<T> call) {
    return state.call(call);
  }

  private static void requireIds(String userId, String conversationId) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank, got '" + userId + "'");
    }
    if (conversationId == null || conversationId.isBlank()) {
      throw new IllegalArgumentException(
          "conversationId must not be blank, got '" + conversationId + "'");
    }
  }

  /**
   * Configures and opens an {@link ElaviraAgent}. Each setter validates its value at once and
   * throws {@link IllegalArgumentException} naming the setter and the value. Not thread-safe; a
   * builder may build several agents.
   */
  public static final class Builder {
    /** Default agent id. */
    public static final String DEFAULT_AGENT_ID = "default";

    /**
     * Default system prompt: answer from the passages, cite them, same language, say when unsure.
     */
    public static final String DEFAULT_SYSTEM_PROMPT =
        "You are a helpful assistant that answers"
            + " questions about the user's documents. Answer from the passages given below and cite the"
            + " passages you use by their id in square brackets, e.g. [1]. If the passages do not"
            + " contain the answer, say so plainly instead of guessing. Answer in the same language as"
            + " the question.";

    /** Default number of passages retrieved per question. */
    public static final int DEFAULT_TOP_K = 5;

    /** Default lowest cosine score of a retrieved passage. */
    public static final double DEFAULT_MIN_SCORE = 0.0;

    /** Default prompt budget (passages, history and question), in tokens. */
    public static final int DEFAULT_CONTEXT_TOKENS = 3000;

    /** Default short-term memory window, in messages. */
    public static final int DEFAULT_MEMORY_MESSAGES = 10;

    /** Default short-term memory window, in tokens. */
    public static final int DEFAULT_MEMORY_TOKENS = 1000;

    /** Default longest question, in characters. */
    public static final int DEFAULT_MAX_QUESTION_CHARS = 4000;

    /** Threads of the executor the agent owns when none is given. */
    public static final int DEFAULT_STREAM_THREADS = 4;

    /** How long {@link ElaviraAgent#close()} waits for the calls it cancelled. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Streams that may wait for a thread of the agent's own executor. */
    public static final int DEFAULT_STREAM_QUEUE = 64;

    private @Nullable Path home;
    private @Nullable ElaviraStore store;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private String agentId = DEFAULT_AGENT_ID;
    private @Nullable EmbeddingModel embeddings;
    private @Nullable VectorStore vectors;
    private @Nullable LexicalIndex lexical;
    private @Nullable RetrievalMode retrieval;
    private double denseWeight = HybridRetriever.Builder.DEFAULT_DENSE_WEIGHT;
    private double lexicalWeight = HybridRetriever.Builder.DEFAULT_LEXICAL_WEIGHT;
    private boolean weightsSet;
    private @Nullable LlmProvider llm;
    private String systemPrompt = DEFAULT_SYSTEM_PROMPT;
    private int topK = DEFAULT_TOP_K;
    private double minScore = DEFAULT_MIN_SCORE;
    private int contextTokens = DEFAULT_CONTEXT_TOKENS;
    private TokenCounter tokenCounter = TokenCounter.estimating();
    private int memoryMessages = DEFAULT_MEMORY_MESSAGES;
    private int memoryTokens = DEFAULT_MEMORY_TOKENS;
    private int maxQuestionChars = DEFAULT_MAX_QUESTION_CHARS;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * The agent's home directory: the agent opens {@code home/elavira.db} and closes it with
     * itself. For one agent per home. Several agents on one home share ONE store instead: see
     * {@link #store(ElaviraStore)}. Exactly one of {@code home} and {@code store} is required.
     *
     * @throws IllegalStateException when a store was set already
     */
    public Builder home(Path home) {
      if (store != null) {
        throw new IllegalStateException("store(...) was already set; set home or store, not both");
      }
      this.home = require(home, "home");
      return this;
    }

    /**
     * The system of record, shared with other agents of the same home: one database opened once in
     * the process, one connection pool and one write path for all of them. Not closed by the agent.
     * Exactly one of {@code home} and {@code store} is required.
     *
     * <pre>{@code
     * try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
     *     ElaviraAgent teacher = ElaviraAgent.builder().store(store).agentId("teacher")...build();
     *     ElaviraAgent coach = ElaviraAgent.builder().store(store).agentId("coach")...build()) {
     *   ...
     * }
     * }</pre>
     *
     * @throws IllegalStateException when a home was set already
     */
    public Builder store(ElaviraStore store) {
      if (home != null) {
        throw new IllegalStateException("home(...) was already set; set home or store, not both");
      }
      this.store = require(store, "store");
      return this;
    }

    /**
     * How long {@link ElaviraAgent#close()} waits for the calls it cancelled before it closes the
     * agent's resources anyway; zero or more. Default 5 s.
     */
    public Builder closeTimeout(Duration closeTimeout) {
      require(closeTimeout, "closeTimeout");
      if (closeTimeout.isNegative()) {
        throw invalid("closeTimeout", closeTimeout.toString(), "must not be negative");
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * The agent's id, scoping its documents and conversations. Default {@value #DEFAULT_AGENT_ID}.
     */
    public Builder agentId(String agentId) {
      if (agentId == null || agentId.isBlank()) {
        throw invalid("agentId", agentId == null ? null : "'" + agentId + "'", "must not be blank");
      }
      this.agentId = agentId;
      return this;
    }

    /** The embedding model of the documents and questions. Required; not closed by the agent. */
    public Builder embeddings(EmbeddingModel embeddings) {
      this.embeddings = require(embeddings, "embeddings");
      return this;
    }

    /** The vector index. Default: a new {@link InMemoryVectorStore}. Not closed by the agent. */
    public Builder vectors(VectorStore vectors) {
      this.vectors = require(vectors, "vectors");
      return this;
    }

    /**
     * The lexical (BM25) index over the agent's passages, e.g. {@code LuceneLexicalIndex} from
     * elavira-vector. Optional; when given, retrieval is {@link RetrievalMode#HYBRID} unless {@link
     * #retrieval(RetrievalMode)} says otherwise, and the index is kept in step with the database
     * like the vector index (rebuilt on open when its passage count for the agent differs from the
     * database's). Not closed by the agent.
     */
    public Builder lexical(LexicalIndex lexical) {
      this.lexical = require(lexical, "lexical");
      return this;
    }

    /**
     * How passages are ranked. Default: {@link RetrievalMode#HYBRID} when a {@link
     * #lexical(LexicalIndex) lexical} index is set, {@link RetrievalMode#DENSE} otherwise; {@code
     * LEXICAL} and {@code HYBRID} need a lexical index ({@link #build()} refuses them without one).
     */
    public Builder retrieval(RetrievalMode retrieval) {
      this.retrieval = require(retrieval, "retrieval");
      return this;
    }

    /**
     * The weights of the dense and lexical ranks in {@link RetrievalMode#HYBRID} fusion, each 0 or
     * more and not both 0. Default 1 and 1 ({@link HybridRetriever.Builder#DEFAULT_DENSE_WEIGHT},
     * {@link HybridRetriever.Builder#DEFAULT_LEXICAL_WEIGHT}). Only for hybrid retrieval.
     */
    public Builder fusionWeights(double denseWeight, double lexicalWeight) {
      for (double w : new double[] {denseWeight, lexicalWeight}) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw invalid(
              "fusionWeights", denseWeight + ", " + lexicalWeight, "must be finite numbers >= 0");
        }
      }
      if (denseWeight == 0 && lexicalWeight == 0) {
        throw invalid("fusionWeights", "0, 0", "must not both be 0");
      }
      this.denseWeight = denseWeight;
      this.lexicalWeight = lexicalWeight;
      this.weightsSet = true;
      return this;
    }

    /**
     * The language model. Optional: without one every answer is extractive. Not closed by the
     * agent.
     */
    public Builder llm(LlmProvider llm) {
      this.llm = require(llm, "llm");
      return this;
    }

    /** The instructions opening every prompt. Default {@link #DEFAULT_SYSTEM_PROMPT}. */
    public Builder systemPrompt(String systemPrompt) {
      if (systemPrompt == null || systemPrompt.isBlank()) {
        throw invalid("systemPrompt", systemPrompt == null ? null : "blank", "must not be blank");
      }
      this.systemPrompt = systemPrompt;
      return this;
    }

    /** Passages retrieved per question, 1 or more. Default {@value #DEFAULT_TOP_K}. */
    public Builder topK(int topK) {
      this.topK = atLeast(topK, 1, "topK");
      return this;
    }

    /** Lowest cosine score of a retrieved passage, in [-1, 1]. Default 0. */
    public Builder minScore(double minScore) {
      if (!(minScore >= -1 && minScore <= 1)) {
        throw invalid("minScore", String.valueOf(minScore), "must be in [-1, 1]");
      }
      this.minScore = minScore;
      return this;
    }

    /** Prompt budget for passages, history and question, in tokens, 1 or more. Default 3000. */
    public Builder contextTokens(int contextTokens) {
      this.contextTokens = atLeast(contextTokens, 1, "contextTokens");
      return this;
    }

    /** Counts tokens for the budgets. Default {@link TokenCounter#estimating()}. */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = require(tokenCounter, "tokenCounter");
      return this;
    }

    /** Short-term memory window in messages, 0 (no memory) or more. Default 10. */
    public Builder memoryMessages(int memoryMessages) {
      this.memoryMessages = atLeast(memoryMessages, 0, "memoryMessages");
      return this;
    }

    /** Short-term memory window in tokens, 0 (no memory) or more. Default 1000. */
    public Builder memoryTokens(int memoryTokens) {
      this.memoryTokens = atLeast(memoryTokens, 0, "memoryTokens");
      return this;
    }

    /** Longest question accepted, in characters, 1 or more. Default 4000. */
    public Builder maxQuestionChars(int maxQuestionChars) {
      this.maxQuestionChars = atLeast(maxQuestionChars, 1, "maxQuestionChars");
      return this;
    }

    /**
     * Runs {@link ElaviraAgent#stream} calls. Default: a pool of {@value #DEFAULT_STREAM_THREADS}
     * daemon threads owned by the agent and shut down by {@link ElaviraAgent#close()}. A given
     * executor is not shut down by the agent.
     */
    public Builder executor(Executor executor) {
      this.executor = require(executor, "executor");
      return this;
    }

    /**
     * Opens the database, recovers and rebuilds the vector index, and returns the agent.
     *
     * @throws IllegalStateException when {@code home} or {@code embeddings} was not set, when the
     *     retrieval mode needs a lexical index and none was set, or fusion weights were set for a
     *     mode other than hybrid
     * @throws ElaviraException when the database cannot be opened or migrated
     */
    public ElaviraAgent build() {
      EmbeddingModel model = embeddings;
      if (model == null) {
        throw new IllegalStateException(
            "ElaviraAgent.builder().embeddings(EmbeddingModel) is"
                + " required (e.g. OnnxEmbeddingModel.allMiniLmL6V2() from elavira-llm)");
      }
      Path dir = home;
      ElaviraStore shared = store;
      if (dir == null && shared == null) {
        throw new IllegalStateException(
            "ElaviraAgent.builder().home(Path) or .store(ElaviraStore) is required");
      }
      AgentConfig config =
          new AgentConfig(
              agentId,
              systemPrompt,
              topK,
              minScore,
              contextTokens,
              tokenCounter,
              memoryMessages,
              memoryTokens,
              maxQuestionChars,
              closeTimeout);
      RetrievalSettings retrievalSettings = retrievalSettings();
      boolean ownsStore = shared == null;
      ElaviraStore opened =
          shared != null
              ? shared
              : ElaviraStore.open(Objects.requireNonNull(dir).resolve("elavira.db"));
      return new ElaviraAgent(
          AgentRuntime.open(
              config,
              opened,
              ownsStore,
              model,
              vectors,
              llm,
              executor,
              DEFAULT_STREAM_THREADS,
              DEFAULT_STREAM_QUEUE,
              retrievalSettings));
    }

    private RetrievalSettings retrievalSettings() {
      RetrievalMode mode =
          retrieval != null
              ? retrieval
              : lexical != null ? RetrievalMode.HYBRID : RetrievalMode.DENSE;
      if (mode != RetrievalMode.DENSE && lexical == null) {
        throw new IllegalStateException(
            "ElaviraAgent.builder().retrieval("
                + mode
                + ") needs a lexical index: set ElaviraAgent.builder().lexical(LexicalIndex)"
                + " (e.g. LuceneLexicalIndex from elavira-vector), or use retrieval(DENSE)");
      }
      if (weightsSet && mode != RetrievalMode.HYBRID) {
        throw new IllegalStateException(
            "ElaviraAgent.builder().fusionWeights(...) applies to retrieval(HYBRID), not " + mode);
      }
      return new RetrievalSettings(mode, lexical, denseWeight, lexicalWeight);
    }

    private static <T> T require(@Nullable T value, String setter) {
      if (value == null) {
        throw invalid(setter, null, "must not be null");
      }
      return value;
    }

    private static int atLeast(int value, int min, String setter) {
      if (value < min) {
        throw invalid(setter, String.valueOf(value), "must be >= " + min);
      }
      return value;
    }

    private static IllegalArgumentException invalid(
        String setter, @Nullable String value, String rule) {
      return new IllegalArgumentException(
          "ElaviraAgent.builder()." + setter + "(" + value + "): " + setter + " " + rule);
    }
  }
}
