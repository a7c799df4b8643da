package io.elavira;

import io.elavira.agent.RoutePolicy;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.embed.EmbeddingModel;
import io.elavira.guard.GuardPolicy;
import io.elavira.internal.AgentDraft;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenCounter;
import io.elavira.memory.LongTermMemory;
import io.elavira.observe.ElaviraListener;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Configures and opens an {@link ElaviraAgent}. Each setter validates its value at once and throws
 * {@link IllegalArgumentException} naming the setter and the value; {@link #build()} checks the
 * settings against each other. Not thread-safe; a builder may build several agents.
 */
public final class ElaviraAgentBuilder {
  /** Default agent id. */
  public static final String DEFAULT_AGENT_ID = "default";

  /** Default system prompt: answer from the passages, cite them, same language, say when unsure. */
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

  /** Default longest question, in characters ({@link GuardPolicy#DEFAULT_MAX_QUESTION_CHARS}). */
  public static final int DEFAULT_MAX_QUESTION_CHARS = GuardPolicy.DEFAULT_MAX_QUESTION_CHARS;

  /** Threads of the executor the agent owns when none is given. */
  public static final int DEFAULT_STREAM_THREADS = 4;

  /** How long {@link ElaviraAgent#close()} waits for the calls it cancelled. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** Streams that may wait for a thread of the agent's own executor. */
  public static final int DEFAULT_STREAM_QUEUE = 64;

  // The settings and their checks (not API); this class documents them.
  private final AgentDraft draft = new AgentDraft();

  ElaviraAgentBuilder() {}

  /**
   * The agent's home directory: the agent opens {@code home/elavira.db} and closes it with itself.
   * For one agent per home. Several agents on one home share ONE store instead: see {@link
   * #store(ElaviraStore)}. Exactly one of {@code home} and {@code store} is required.
   *
   * @throws IllegalStateException when a store was set already
   */
  public ElaviraAgentBuilder home(Path home) {
    draft.home(home);
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
  public ElaviraAgentBuilder store(ElaviraStore store) {
    draft.store(store);
    return this;
  }

  /**
   * How long {@link ElaviraAgent#close()} waits for the calls it cancelled before it closes the
   * agent's resources anyway; zero or more. Default 5 s.
   */
  public ElaviraAgentBuilder closeTimeout(Duration closeTimeout) {
    draft.closeTimeout(closeTimeout);
    return this;
  }

  /**
   * The agent's id, scoping its documents and conversations. Default {@value #DEFAULT_AGENT_ID}.
   */
  public ElaviraAgentBuilder agentId(String agentId) {
    draft.agentId(agentId);
    return this;
  }

  /** The embedding model of the documents and questions. Required; not closed by the agent. */
  public ElaviraAgentBuilder embeddings(EmbeddingModel embeddings) {
    draft.embeddings(embeddings);
    return this;
  }

  /** The vector index. Default: a new {@link InMemoryVectorStore}. Not closed by the agent. */
  public ElaviraAgentBuilder vectors(VectorStore vectors) {
    draft.vectors(vectors);
    return this;
  }

  /**
   * The lexical (BM25) index over the agent's passages, e.g. {@code LuceneLexicalIndex} from
   * elavira-vector. Optional; when given, retrieval is {@link RetrievalMode#HYBRID} unless {@link
   * #retrieval(RetrievalMode)} says otherwise, and the index is kept in step with the database like
   * the vector index (rebuilt on open when its passage count for the agent differs from the
   * database's). Not closed by the agent.
   */
  public ElaviraAgentBuilder lexical(LexicalIndex lexical) {
    draft.lexical(lexical);
    return this;
  }

  /**
   * How passages are ranked. Default: {@link RetrievalMode#HYBRID} when a {@link
   * #lexical(LexicalIndex) lexical} index is set, {@link RetrievalMode#DENSE} otherwise; {@code
   * LEXICAL} and {@code HYBRID} need a lexical index ({@link #build()} refuses them without one).
   */
  public ElaviraAgentBuilder retrieval(RetrievalMode retrieval) {
    draft.retrieval(retrieval);
    return this;
  }

  /**
   * The weights of the dense and lexical ranks in {@link RetrievalMode#HYBRID} fusion, each 0 or
   * more and not both 0. Default {@value HybridRetriever.Builder#DEFAULT_DENSE_WEIGHT} and {@value
   * HybridRetriever.Builder#DEFAULT_LEXICAL_WEIGHT} (the best fusion measured, see {@link
   * HybridRetriever.Builder#DEFAULT_LEXICAL_WEIGHT}). Only for hybrid retrieval.
   */
  public ElaviraAgentBuilder fusionWeights(double denseWeight, double lexicalWeight) {
    draft.fusionWeights(denseWeight, lexicalWeight);
    return this;
  }

  /**
   * The best cosine similarity of a question with its closest passage below which no passage
   * matches the question well, in [-1, 1]: the answer says so ({@link Answer#weakMatch()}), and an
   * extractive answer then says that no passage matches instead of quoting unrelated text. For
   * {@link RetrievalMode#DENSE} and {@link RetrievalMode#HYBRID} retrieval (the dense side's best
   * cosine); {@link RetrievalMode#LEXICAL} flags a question when no passage shares a word with it.
   *
   * <p>The threshold depends on the embedding model, so by default it follows it: the value the
   * model declares ({@link EmbeddingModel#weakMatchBelow()}: 0.87 for e5-small-v2 with its
   * profile), else {@link HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW} ({@value
   * HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}, measured for all-MiniLM-L6-v2 on French
   * questions; English questions over long reference pages measured 0.53). docs/vector-stores.md
   * shows how to measure it on your own questions ({@code RetrievalEval}'s "best cut").
   *
   * @throws IllegalArgumentException when not in [-1, 1]
   * @throws IllegalStateException when set already
   */
  public ElaviraAgentBuilder weakMatchBelow(double cosine) {
    draft.weakMatchBelow(cosine);
    return this;
  }

  /**
   * The language model. Optional: without one every answer is extractive. Not closed by the agent.
   */
  public ElaviraAgentBuilder llm(LlmProvider llm) {
    draft.llm(llm);
    return this;
  }

  /** The instructions opening every prompt. Default {@link #DEFAULT_SYSTEM_PROMPT}. */
  public ElaviraAgentBuilder systemPrompt(String systemPrompt) {
    draft.systemPrompt(systemPrompt);
    return this;
  }

  /** Passages retrieved per question, 1 or more. Default {@value #DEFAULT_TOP_K}. */
  public ElaviraAgentBuilder topK(int topK) {
    draft.topK(topK);
    return this;
  }

  /** Lowest cosine score of a retrieved passage, in [-1, 1]. Default 0. */
  public ElaviraAgentBuilder minScore(double minScore) {
    draft.minScore(minScore);
    return this;
  }

  /** Prompt budget for passages, history and question, in tokens, 1 or more. Default 3000. */
  public ElaviraAgentBuilder contextTokens(int contextTokens) {
    draft.contextTokens(contextTokens);
    return this;
  }

  /** Counts tokens for the budgets. Default {@link TokenCounter#estimating()}. */
  public ElaviraAgentBuilder tokenCounter(TokenCounter tokenCounter) {
    draft.tokenCounter(tokenCounter);
    return this;
  }

  /** Short-term memory window in messages, 0 (no memory) or more. Default 10. */
  public ElaviraAgentBuilder memoryMessages(int memoryMessages) {
    draft.memoryMessages(memoryMessages);
    return this;
  }

  /** Short-term memory window in tokens, 0 (no memory) or more. Default 1000. */
  public ElaviraAgentBuilder memoryTokens(int memoryTokens) {
    draft.memoryTokens(memoryTokens);
    return this;
  }

  /**
   * Longest question accepted, in characters, 1 or more. Default 4000. A shortcut for {@link
   * GuardPolicy.Builder#maxQuestionChars(int)}: set it here or in {@link #guards(GuardPolicy)}, not
   * both.
   *
   * @throws IllegalStateException when {@link #guards(GuardPolicy)} was set already
   */
  public ElaviraAgentBuilder maxQuestionChars(int maxQuestionChars) {
    draft.maxQuestionChars(maxQuestionChars);
    return this;
  }

  /**
   * The agent's guards: input limits, prompt-injection actions on questions and retrieved passages,
   * the prompt's token limit and the time limits. Default {@link GuardPolicy#defaults()}: guards
   * are on unless a policy turns them off ({@link io.elavira.guard.InjectionAction#ALLOW}). {@link
   * #build()} refuses a {@code topK} above its {@code maxRetrievedChunks} and a {@code
   * contextTokens} above its {@code maxContextTokens}.
   *
   * @throws IllegalStateException when {@link #maxQuestionChars(int)} was set already
   */
  public ElaviraAgentBuilder guards(GuardPolicy guards) {
    draft.guards(guards);
    return this;
  }

  /**
   * Recall of the user's past conversations with this agent (cited as sources with their date) and
   * summaries of long conversations. Default {@link LongTermMemory#defaults()}; {@link
   * LongTermMemory#off()} keeps only the short-term window.
   *
   * @throws IllegalStateException when already set
   */
  public ElaviraAgentBuilder longTermMemory(LongTermMemory longTermMemory) {
    draft.longTermMemory(longTermMemory);
    return this;
  }

  /**
   * Runs {@link ElaviraAgent#stream} calls. Default: a pool of {@value #DEFAULT_STREAM_THREADS}
   * daemon threads owned by the agent and shut down by {@link ElaviraAgent#close()}. A given
   * executor is not shut down by the agent.
   */
  public ElaviraAgentBuilder executor(Executor executor) {
    draft.executor(executor);
    return this;
  }

  /**
   * Decides the route of each request: whether to retrieve passages (not for small talk) and
   * whether the {@link #remoteLlm(LlmProvider) remote model} answers instead of {@link
   * #llm(LlmProvider) the local one}. The route and its reasons are in {@link Answer#route()}.
   * Optional: without it every request retrieves and uses {@code llm}. {@link
   * io.elavira.agent.AgentRegistry} sets it for the agents it builds.
   *
   * @throws IllegalStateException when set already
   */
  public ElaviraAgentBuilder routing(RoutePolicy routing) {
    draft.routing(routing);
    return this;
  }

  /**
   * Caches the model's answers (in memory and in the home's database) as {@code policy} says; see
   * {@link ResponseCachePolicy}. Default: no response cache. Ignored without an {@link
   * #llm(LlmProvider) llm}.
   *
   * @throws IllegalStateException when a policy was set already
   */
  public ElaviraAgentBuilder responseCache(ResponseCachePolicy policy) {
    draft.responseCache(policy);
    return this;
  }

  /**
   * The remote model used when the {@link #routing(RoutePolicy) route} says so (the local one
   * cannot serve and the agent allows remote models). Optional; needs {@code routing}. Not closed
   * by the agent.
   *
   * @throws IllegalStateException when set already
   */
  public ElaviraAgentBuilder remoteLlm(LlmProvider remoteLlm) {
    draft.remoteLlm(remoteLlm);
    return this;
  }

  /**
   * Adds a listener that receives the events of every request (guard, retrieval, cache, provider
   * attempts, fallbacks, answer), on the answering thread; several may be added and are called in
   * the order added. A listener that throws never breaks a request. See {@link ElaviraListener}.
   */
  public ElaviraAgentBuilder listener(ElaviraListener listener) {
    draft.listener(listener);
    return this;
  }

  /**
   * Opens the database, recovers and rebuilds the vector index, and returns the agent.
   *
   * @throws IllegalStateException when {@code home} or {@code embeddings} was not set, when a
   *     remote model was set without routing, when the retrieval mode needs a lexical index and
   *     none was set, fusion weights were set for a mode other than hybrid, a weak-match threshold
   *     was set for lexical retrieval, the embedding model declares a threshold outside [-1, 1], or
   *     {@code topK} or {@code contextTokens} is above its guard limit
   * @throws ElaviraException when the database cannot be opened or migrated
   */
  public ElaviraAgent build() {
    return new ElaviraAgent(draft.open());
  }
}
