package io.elavira;

import io.elavira.agent.RoutePolicy;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.embed.EmbeddingModel;
import io.elavira.guard.GuardPolicy;
import io.elavira.internal.AgentConfig;
import io.elavira.internal.AgentRuntime;
import io.elavira.internal.CacheAndEvents;
import io.elavira.internal.RetrievalSettings;
import io.elavira.internal.RoutingSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Configures and opens an {@link ElaviraAgent}. Each setter validates its value at once and throws
 * {@link IllegalArgumentException} naming the setter and the value. Not thread-safe; a builder may
 * build several agents.
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
  private boolean maxQuestionCharsSet;
  private @Nullable GuardPolicy guards;
  private @Nullable Executor executor;
  private @Nullable LongTermMemory longTermMemory;
  private @Nullable RoutePolicy routing;
  private @Nullable LlmProvider remoteLlm;
  private @Nullable ResponseCachePolicy responseCache;
  private final List<ElaviraListener> listeners = new ArrayList<>();

  ElaviraAgentBuilder() {}

  /**
   * The agent's home directory: the agent opens {@code home/elavira.db} and closes it with itself.
   * For one agent per home. Several agents on one home share ONE store instead: see {@link
   * #store(ElaviraStore)}. Exactly one of {@code home} and {@code store} is required.
   *
   * @throws IllegalStateException when a store was set already
   */
  public ElaviraAgentBuilder home(Path home) {
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
  public ElaviraAgentBuilder store(ElaviraStore store) {
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
  public ElaviraAgentBuilder closeTimeout(Duration closeTimeout) {
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
  public ElaviraAgentBuilder agentId(String agentId) {
    if (agentId == null || agentId.isBlank()) {
      throw invalid("agentId", agentId == null ? null : "'" + agentId + "'", "must not be blank");
    }
    this.agentId = agentId;
    return this;
  }

  /** The embedding model of the documents and questions. Required; not closed by the agent. */
  public ElaviraAgentBuilder embeddings(EmbeddingModel embeddings) {
    this.embeddings = require(embeddings, "embeddings");
    return this;
  }

  /** The vector index. Default: a new {@link InMemoryVectorStore}. Not closed by the agent. */
  public ElaviraAgentBuilder vectors(VectorStore vectors) {
    this.vectors = require(vectors, "vectors");
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
    this.lexical = require(lexical, "lexical");
    return this;
  }

  /**
   * How passages are ranked. Default: {@link RetrievalMode#HYBRID} when a {@link
   * #lexical(LexicalIndex) lexical} index is set, {@link RetrievalMode#DENSE} otherwise; {@code
   * LEXICAL} and {@code HYBRID} need a lexical index ({@link #build()} refuses them without one).
   */
  public ElaviraAgentBuilder retrieval(RetrievalMode retrieval) {
    this.retrieval = require(retrieval, "retrieval");
    return this;
  }

  /**
   * The weights of the dense and lexical ranks in {@link RetrievalMode#HYBRID} fusion, each 0 or
   * more and not both 0. Default 1 and 1 ({@link HybridRetriever.Builder#DEFAULT_DENSE_WEIGHT},
   * {@link HybridRetriever.Builder#DEFAULT_LEXICAL_WEIGHT}). Only for hybrid retrieval.
   */
  public ElaviraAgentBuilder fusionWeights(double denseWeight, double lexicalWeight) {
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
   * The language model. Optional: without one every answer is extractive. Not closed by the agent.
   */
  public ElaviraAgentBuilder llm(LlmProvider llm) {
    this.llm = require(llm, "llm");
    return this;
  }

  /** The instructions opening every prompt. Default {@link #DEFAULT_SYSTEM_PROMPT}. */
  public ElaviraAgentBuilder systemPrompt(String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      throw invalid("systemPrompt", systemPrompt == null ? null : "blank", "must not be blank");
    }
    this.systemPrompt = systemPrompt;
    return this;
  }

  /** Passages retrieved per question, 1 or more. Default {@value #DEFAULT_TOP_K}. */
  public ElaviraAgentBuilder topK(int topK) {
    this.topK = atLeast(topK, 1, "topK");
    return this;
  }

  /** Lowest cosine score of a retrieved passage, in [-1, 1]. Default 0. */
  public ElaviraAgentBuilder minScore(double minScore) {
    if (!(minScore >= -1 && minScore <= 1)) {
      throw invalid("minScore", String.valueOf(minScore), "must be in [-1, 1]");
    }
    this.minScore = minScore;
    return this;
  }

  /** Prompt budget for passages, history and question, in tokens, 1 or more. Default 3000. */
  public ElaviraAgentBuilder contextTokens(int contextTokens) {
    this.contextTokens = atLeast(contextTokens, 1, "contextTokens");
    return this;
  }

  /** Counts tokens for the budgets. Default {@link TokenCounter#estimating()}. */
  public ElaviraAgentBuilder tokenCounter(TokenCounter tokenCounter) {
    this.tokenCounter = require(tokenCounter, "tokenCounter");
    return this;
  }

  /** Short-term memory window in messages, 0 (no memory) or more. Default 10. */
  public ElaviraAgentBuilder memoryMessages(int memoryMessages) {
    this.memoryMessages = atLeast(memoryMessages, 0, "memoryMessages");
    return this;
  }

  /** Short-term memory window in tokens, 0 (no memory) or more. Default 1000. */
  public ElaviraAgentBuilder memoryTokens(int memoryTokens) {
    this.memoryTokens = atLeast(memoryTokens, 0, "memoryTokens");
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
    if (guards != null) {
      throw new IllegalStateException(
          "guards(...) was already set; set maxQuestionChars in the GuardPolicy instead");
    }
    this.maxQuestionChars = atLeast(maxQuestionChars, 1, "maxQuestionChars");
    this.maxQuestionCharsSet = true;
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
    if (maxQuestionCharsSet) {
      throw new IllegalStateException(
          "maxQuestionChars(...) was already set; set it in the GuardPolicy instead");
    }
    this.guards = require(guards, "guards");
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
    if (this.longTermMemory != null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().longTermMemory(...) was already set to " + this.longTermMemory);
    }
    this.longTermMemory = require(longTermMemory, "longTermMemory");
    return this;
  }

  /**
   * Runs {@link ElaviraAgent#stream} calls. Default: a pool of {@value #DEFAULT_STREAM_THREADS}
   * daemon threads owned by the agent and shut down by {@link ElaviraAgent#close()}. A given
   * executor is not shut down by the agent.
   */
  public ElaviraAgentBuilder executor(Executor executor) {
    this.executor = require(executor, "executor");
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
    if (this.routing != null) {
      throw new IllegalStateException("routing(...) was already set");
    }
    this.routing = require(routing, "routing");
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
    require(policy, "responseCache");
    if (responseCache != null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().responseCache(...) was already set to " + responseCache);
    }
    this.responseCache = policy;
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
    if (this.remoteLlm != null) {
      throw new IllegalStateException("remoteLlm(...) was already set");
    }
    this.remoteLlm = require(remoteLlm, "remoteLlm");
    return this;
  }

  /**
   * Adds a listener that receives the events of every request (guard, retrieval, cache, provider
   * attempts, fallbacks, answer), on the answering thread; several may be added and are called in
   * the order added. A listener that throws never breaks a request. See {@link ElaviraListener}.
   */
  public ElaviraAgentBuilder listener(ElaviraListener listener) {
    listeners.add(require(listener, "listener"));
    return this;
  }

  /**
   * Opens the database, recovers and rebuilds the vector index, and returns the agent.
   *
   * @throws IllegalStateException when {@code home} or {@code embeddings} was not set, when a
   *     remote model was set without routing, when the retrieval mode needs a lexical index and
   *     none was set, fusion weights were set for a mode other than hybrid, or {@code topK} or
   *     {@code contextTokens} is above its guard limit
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
    GuardPolicy policy =
        guards != null ? guards : GuardPolicy.builder().maxQuestionChars(maxQuestionChars).build();
    if (topK > policy.maxRetrievedChunks()) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().topK("
              + topK
              + ") is above the guard limit maxRetrievedChunks="
              + policy.maxRetrievedChunks()
              + " (GuardPolicy.maxRetrievedChunks): lower topK or raise the limit");
    }
    if (contextTokens > policy.maxContextTokens()) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().contextTokens("
              + contextTokens
              + ") is above the guard limit maxContextTokens="
              + policy.maxContextTokens()
              + " (GuardPolicy.maxContextTokens): lower contextTokens or raise the limit");
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
            policy.maxQuestionChars(),
            closeTimeout,
            longTermMemory != null ? longTermMemory : LongTermMemory.defaults(),
            policy);
    RetrievalSettings retrievalSettings = retrievalSettings();
    if (remoteLlm != null && routing == null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().remoteLlm(...) needs routing(RoutePolicy): the route decides"
              + " when the remote model answers");
    }
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
            retrievalSettings,
            new RoutingSettings(routing, remoteLlm),
            new CacheAndEvents(responseCache, listeners)));
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
