package io.elavira;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.internal.AgentConfig;
import io.elavira.internal.AgentRuntime;
import io.elavira.internal.OpenState;
import io.elavira.internal.StreamCall;
import io.elavira.llm.TokenListener;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.store.DocumentInfo;
import io.elavira.store.ElaviraStore;
import io.elavira.store.IndexStatus;
import io.elavira.store.RemovedLocation;
import io.elavira.store.StoredMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * <p><b>Lifecycle.</b> {@link ElaviraAgentBuilder#build()} opens (or creates) the SQLite system of
 * record {@code home/elavira.db} — or uses the {@link ElaviraStore} given to {@link
 * ElaviraAgentBuilder#store(ElaviraStore)}, shared by every agent of that home in the process —
 * finishes documents a crash left half-indexed, and rebuilds the vector index from the stored
 * chunks and embeddings when it holds nothing for this agent (the default in-memory index is
 * rebuilt on every open). Documents indexed or deleted by another program on the same home are
 * picked up before the next question. {@link #close()} refuses new calls, cancels the running ones
 * and waits for them for at most {@link ElaviraAgentBuilder#closeTimeout(Duration)}, then closes
 * what the agent owns: the database it opened from its home, the default in-memory vector store and
 * the default executor. Components passed to the builder ({@code store}, {@code embeddings}, {@code
 * llm}, {@code vectors}, {@code lexical}, {@code executor}) stay open: their owner closes them. Any
 * call after close throws {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> Thread-safe. Calls on the same conversation are serialized (one exchange is
 * persisted before the next one reads its memory); different conversations run in parallel.
 *
 * <p><b>Conversations.</b> Conversation ids are unique within a home, not within an agent: a
 * conversation belongs to the one agent and the one user that first used it, and asking in it as
 * another agent or user is refused. Agents sharing a home must use distinct ids (for instance
 * prefixed with the agent id, as {@link #defaultConversationId()} is).
 *
 * <p><b>Errors.</b> A question the guards refuse ({@link ElaviraAgentBuilder#guards}: blank, over a
 * {@link io.elavira.guard.GuardPolicy} limit, or a prompt injection under {@code BLOCK}) is refused
 * with {@link io.elavira.guard.InputRejectedException} (its subclasses {@link
 * io.elavira.guard.LimitExceededException} and {@link io.elavira.guard.PromptInjectionException}
 * name the rule and its setting), the model is not called, nothing is persisted and the refusal is
 * audited ({@code guard.block}). A missing or failing model is not an error: the answer is {@link
 * AnswerMode#EXTRACTIVE} and {@link Answer#reason()} says why. Finding no passage is not an error
 * either. Storage failures are {@link ElaviraException}s.
 */
public final class ElaviraAgent implements DocumentIndexer, AutoCloseable {
  private final AgentRuntime runtime;
  private final AgentConfig config;
  private final OpenState state;

  ElaviraAgent(AgentRuntime runtime) {
    this.runtime = runtime;
    this.config = runtime.config();
    this.state = new OpenState("ElaviraAgent " + config.agentId() + " is closed; build a new one");
  }

  /** A new builder; {@code home} and {@code embeddings} are required. */
  public static ElaviraAgentBuilder builder() {
    return new ElaviraAgentBuilder();
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
   * ElaviraAgentBuilder#DEFAULT_AGENT_ID}, {@code "<agentId>:default"} for any other, so that
   * agents sharing a home never collide on it (conversation ids are unique within a home).
   */
  public String defaultConversationId() {
    String agentId = config.agentId();
    return agentId.equals(ElaviraAgentBuilder.DEFAULT_AGENT_ID) ? "default" : agentId + ":default";
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
   * @throws io.elavira.guard.InputRejectedException when a guard refuses the question (blank, over
   *     a limit of the agent's {@link io.elavira.guard.GuardPolicy}, a prompt injection under
   *     {@code BLOCK}), or the prompt or the turn goes over its limit before the model is called
   * @throws IllegalArgumentException when {@code userId} or {@code conversationId} is blank, or the
   *     conversation belongs to another agent or user
   * @throws ElaviraException when the store or the embedding model fails
   * @throws IllegalStateException when the agent is closed
   */
  public Answer ask(String userId, String conversationId, String question) {
    AgentArguments.ids(userId, conversationId);
    return whileOpen(() -> runtime.chain().ask(userId, conversationId, question));
  }

  /**
   * Answers like {@link #ask(String, String, String)} on the agent's executor, handing the answer
   * to {@code listener} as it is generated. See {@link AnswerStream} for how it ends.
   *
   * @throws io.elavira.guard.InputRejectedException at once when a guard refuses the question
   * @throws IllegalArgumentException when {@code userId} or {@code conversationId} is blank
   * @throws IllegalStateException when the agent is closed
   */
  public AnswerStream stream(
      String userId, String conversationId, String question, TokenListener listener) {
    AgentArguments.ids(userId, conversationId);
    Objects.requireNonNull(listener, "listener");
    StreamCall call =
        whileOpen(
            () -> {
              runtime.chain().check(userId, conversationId, question);
              return runtime.chain().stream(userId, conversationId, question, listener);
            });
    call.start(runtime.executor(), state, config.agentId());
    return new AnswerStream(call.answer(), call::cancel);
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
   * <p>Embeds and caches the chunks {@link #indexAll} would embed for these requests.
   */
  @Override
  public void embedAhead(List<IndexRequest> requests) {
    List<IndexRequest> copy = List.copyOf(requests);
    whileOpen(
        () -> {
          runtime.indexer().embedAhead(copy);
          return copy.size();
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code ownerId} is blank
   */
  @Override
  public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
    AgentArguments.owner(ownerId);
    return whileOpen(() -> runtime.indexer().index(document, chunks, ownerId));
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
   * The documents {@code userId} may see, by name: this agent's shared ones and the user's own
   * private ones, never another user's (the condition is part of the database query). For a caller
   * acting for one user; {@link #listDocuments()} lists every user's, for an operator.
   *
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when the agent is closed
   */
  public List<DocumentInfo> listDocuments(String userId) {
    Objects.requireNonNull(userId, "userId");
    return whileOpen(() -> runtime.indexer().removal().list(userId));
  }

  /**
   * As {@link #findDocument(String)}, among the documents {@code userId} may see (shared or own).
   *
   * @throws ElaviraException when the database fails
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<DocumentInfo> findDocument(String userId, String idOrPath) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(idOrPath, "idOrPath");
    return whileOpen(() -> runtime.indexer().removal().find(userId, idOrPath));
  }

  /**
   * As {@link #removeDocument(String)}, for one of {@code userId}'s own private documents only.
   *
   * @return what was removed, or empty when the user has no such private document (shared documents
   *     and other users' are left alone)
   * @throws ElaviraException when the database fails (nothing is removed then)
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<DocumentInfo> removeDocument(String userId, String idOrPath) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(idOrPath, "idOrPath");
    return whileOpen(() -> runtime.indexer().removal().remove(userId, idOrPath));
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
   * when the conversation is unknown or belongs to another agent of the home. Any user's
   * conversation of the agent: for an operator; {@link #history(String, String, int)} is the form
   * that acts for one user.
   *
   * @throws IllegalArgumentException when {@code maxMessages} is negative
   */
  public List<StoredMessage> history(String conversationId, int maxMessages) {
    Objects.requireNonNull(conversationId, "conversationId");
    AgentArguments.maxMessages(maxMessages);
    return whileOpen(() -> runtime.history().recent(conversationId, maxMessages));
  }

  /**
   * The last {@code maxMessages} messages of {@code userId}'s conversation with this agent, oldest
   * first; empty when the conversation is unknown or another user's or agent's (the scope is part
   * of the database query). The form to use when the caller acts for one user.
   *
   * @throws IllegalArgumentException when {@code maxMessages} is negative
   * @throws IllegalStateException when the agent is closed
   */
  public List<StoredMessage> history(String userId, String conversationId, int maxMessages) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    AgentArguments.maxMessages(maxMessages);
    return whileOpen(() -> runtime.history().recent(userId, conversationId, maxMessages));
  }

  /**
   * The most recently active of {@code userId}'s conversations with this agent, to continue it.
   *
   * @return the conversation id, or empty when the user has none with this agent
   * @throws IllegalStateException when the agent is closed
   */
  public Optional<String> lastConversationId(String userId) {
    Objects.requireNonNull(userId, "userId");
    return whileOpen(() -> runtime.history().lastConversationId(userId));
  }

  /**
   * Retrieves the passages of this agent's documents (shared ones and those private to {@code
   * userId}) that best match {@code text}, without asking a model or storing anything: the search
   * {@link #ask(String, String, String)} runs, for applications that build on the passages
   * themselves (quizzes, previews, document generation). Finding nothing is not an error.
   *
   * @param userId whose private documents are searched along with the shared ones
   * @param text what to search for, not blank
   * @param topK the most passages to return, 1 or more
   * @return the passages, best first
   * @throws IllegalArgumentException when {@code text} or {@code userId} is blank, or {@code topK}
   *     is below 1
   * @throws ElaviraException when embedding the text or searching fails
   * @throws IllegalStateException when the agent is closed
   */
  public List<Source> retrieve(String userId, String text, int topK) {
    AgentArguments.search(userId, text);
    RetrievalQuery query =
        new RetrievalQuery(config.agentId(), userId, text, topK, config.minScore());
    return whileOpen(() -> runtime.search().sources(query));
  }

  /** The agent's id: the scope of its documents, vectors and conversations. */
  public String agentId() {
    return config.agentId();
  }

  /**
   * Refuses new calls, cancels the running ones (their callers get an {@link
   * io.elavira.llm.LlmException} of kind CANCELLED, and nothing of them is stored), waits for them
   * for at most {@link ElaviraAgentBuilder#closeTimeout(Duration)}, then closes what the agent owns
   * (see the class documentation). Idempotent.
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
}
