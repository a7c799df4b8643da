package io.elavira.internal;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.agent.RoutePolicy;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.embed.EmbeddingModel;
import io.elavira.guard.GuardPolicy;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenCounter;
import io.elavira.memory.LongTermMemory;
import io.elavira.observe.ElaviraListener;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.VectorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an agent being built by {@link ElaviraAgentBuilder}, which documents each of
 * them. Every setter here checks its value at once, the message naming the builder's setter and the
 * value ({@code ElaviraAgent.builder().topK(0): topK must be >= 1}); {@link #open()} checks them
 * against each other, opens the home's database or takes the shared store, and wires the agent's
 * runtime. The retrieval settings are a {@link RetrievalDraft} of their own.
 *
 * <p>Mutable and not thread-safe, like the builder; {@link #open()} may be called several times.
 * Not API.
 */
public final class AgentDraft {
  private @Nullable Path home;
  private @Nullable ElaviraStore store;
  private Duration closeTimeout = ElaviraAgentBuilder.DEFAULT_CLOSE_TIMEOUT;
  private String agentId = ElaviraAgentBuilder.DEFAULT_AGENT_ID;
  private @Nullable EmbeddingModel embeddings;
  private @Nullable VectorStore vectors;
  private final RetrievalDraft retrieval = new RetrievalDraft();
  private @Nullable LlmProvider llm;
  private String systemPrompt = ElaviraAgentBuilder.DEFAULT_SYSTEM_PROMPT;
  private int topK = ElaviraAgentBuilder.DEFAULT_TOP_K;
  private double minScore = ElaviraAgentBuilder.DEFAULT_MIN_SCORE;
  private int contextTokens = ElaviraAgentBuilder.DEFAULT_CONTEXT_TOKENS;
  private TokenCounter tokenCounter = TokenCounter.estimating();
  private int memoryMessages = ElaviraAgentBuilder.DEFAULT_MEMORY_MESSAGES;
  private int memoryTokens = ElaviraAgentBuilder.DEFAULT_MEMORY_TOKENS;
  private int maxQuestionChars = ElaviraAgentBuilder.DEFAULT_MAX_QUESTION_CHARS;
  private boolean maxQuestionCharsSet;
  private @Nullable GuardPolicy guards;
  private @Nullable Executor executor;
  private @Nullable LongTermMemory longTermMemory;
  private @Nullable RoutePolicy routing;
  private @Nullable LlmProvider remoteLlm;
  private @Nullable ResponseCachePolicy responseCache;
  private final List<ElaviraListener> listeners = new ArrayList<>();

  /** See {@link ElaviraAgentBuilder#home(Path)}. */
  public void home(Path home) {
    if (store != null) {
      throw new IllegalStateException("store(...) was already set; set home or store, not both");
    }
    this.home = require(home, "home");
  }

  /** See {@link ElaviraAgentBuilder#store(ElaviraStore)}. */
  public void store(ElaviraStore store) {
    if (home != null) {
      throw new IllegalStateException("home(...) was already set; set home or store, not both");
    }
    this.store = require(store, "store");
  }

  /** See {@link ElaviraAgentBuilder#closeTimeout(Duration)}. */
  public void closeTimeout(Duration closeTimeout) {
    require(closeTimeout, "closeTimeout");
    if (closeTimeout.isNegative()) {
      throw invalid("closeTimeout", closeTimeout.toString(), "must not be negative");
    }
    this.closeTimeout = closeTimeout;
  }

  /** See {@link ElaviraAgentBuilder#agentId(String)}. */
  public void agentId(String agentId) {
    if (agentId == null || agentId.isBlank()) {
      throw invalid("agentId", agentId == null ? null : "'" + agentId + "'", "must not be blank");
    }
    this.agentId = agentId;
  }

  /** See {@link ElaviraAgentBuilder#embeddings(EmbeddingModel)}. */
  public void embeddings(EmbeddingModel embeddings) {
    this.embeddings = require(embeddings, "embeddings");
  }

  /** See {@link ElaviraAgentBuilder#vectors(VectorStore)}. */
  public void vectors(VectorStore vectors) {
    this.vectors = require(vectors, "vectors");
  }

  /** See {@link ElaviraAgentBuilder#lexical(LexicalIndex)}. */
  public void lexical(LexicalIndex lexical) {
    retrieval.lexical(lexical);
  }

  /** See {@link ElaviraAgentBuilder#retrieval(RetrievalMode)}. */
  public void retrieval(RetrievalMode mode) {
    retrieval.mode(mode);
  }

  /** See {@link ElaviraAgentBuilder#fusionWeights(double, double)}. */
  public void fusionWeights(double denseWeight, double lexicalWeight) {
    retrieval.fusionWeights(denseWeight, lexicalWeight);
  }

  /** See {@link ElaviraAgentBuilder#weakMatchBelow(double)}. */
  public void weakMatchBelow(double cosine) {
    retrieval.weakMatchBelow(cosine);
  }

  /** See {@link ElaviraAgentBuilder#llm(LlmProvider)}. */
  public void llm(LlmProvider llm) {
    this.llm = require(llm, "llm");
  }

  /** See {@link ElaviraAgentBuilder#systemPrompt(String)}. */
  public void systemPrompt(String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      throw invalid("systemPrompt", systemPrompt == null ? null : "blank", "must not be blank");
    }
    this.systemPrompt = systemPrompt;
  }

  /** See {@link ElaviraAgentBuilder#topK(int)}. */
  public void topK(int topK) {
    this.topK = atLeast(topK, 1, "topK");
  }

  /** See {@link ElaviraAgentBuilder#minScore(double)}. */
  public void minScore(double minScore) {
    if (!(minScore >= -1 && minScore <= 1)) {
      throw invalid("minScore", String.valueOf(minScore), "must be in [-1, 1]");
    }
    this.minScore = minScore;
  }

  /** See {@link ElaviraAgentBuilder#contextTokens(int)}. */
  public void contextTokens(int contextTokens) {
    this.contextTokens = atLeast(contextTokens, 1, "contextTokens");
  }

  /** See {@link ElaviraAgentBuilder#tokenCounter(TokenCounter)}. */
  public void tokenCounter(TokenCounter tokenCounter) {
    this.tokenCounter = require(tokenCounter, "tokenCounter");
  }

  /** See {@link ElaviraAgentBuilder#memoryMessages(int)}. */
  public void memoryMessages(int memoryMessages) {
    this.memoryMessages = atLeast(memoryMessages, 0, "memoryMessages");
  }

  /** See {@link ElaviraAgentBuilder#memoryTokens(int)}. */
  public void memoryTokens(int memoryTokens) {
    this.memoryTokens = atLeast(memoryTokens, 0, "memoryTokens");
  }

  /** See {@link ElaviraAgentBuilder#maxQuestionChars(int)}. */
  public void maxQuestionChars(int maxQuestionChars) {
    if (guards != null) {
      throw new IllegalStateException(
          "guards(...) was already set; set maxQuestionChars in the GuardPolicy instead");
    }
    this.maxQuestionChars = atLeast(maxQuestionChars, 1, "maxQuestionChars");
    this.maxQuestionCharsSet = true;
  }

  /** See {@link ElaviraAgentBuilder#guards(GuardPolicy)}. */
  public void guards(GuardPolicy guards) {
    if (maxQuestionCharsSet) {
      throw new IllegalStateException(
          "maxQuestionChars(...) was already set; set it in the GuardPolicy instead");
    }
    this.guards = require(guards, "guards");
  }

  /** See {@link ElaviraAgentBuilder#longTermMemory(LongTermMemory)}. */
  public void longTermMemory(LongTermMemory longTermMemory) {
    if (this.longTermMemory != null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().longTermMemory(...) was already set to " + this.longTermMemory);
    }
    this.longTermMemory = require(longTermMemory, "longTermMemory");
  }

  /** See {@link ElaviraAgentBuilder#executor(Executor)}. */
  public void executor(Executor executor) {
    this.executor = require(executor, "executor");
  }

  /** See {@link ElaviraAgentBuilder#routing(RoutePolicy)}. */
  public void routing(RoutePolicy routing) {
    if (this.routing != null) {
      throw new IllegalStateException("routing(...) was already set");
    }
    this.routing = require(routing, "routing");
  }

  /** See {@link ElaviraAgentBuilder#responseCache(ResponseCachePolicy)}. */
  public void responseCache(ResponseCachePolicy policy) {
    require(policy, "responseCache");
    if (responseCache != null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().responseCache(...) was already set to " + responseCache);
    }
    this.responseCache = policy;
  }

  /** See {@link ElaviraAgentBuilder#remoteLlm(LlmProvider)}. */
  public void remoteLlm(LlmProvider remoteLlm) {
    if (this.remoteLlm != null) {
      throw new IllegalStateException("remoteLlm(...) was already set");
    }
    this.remoteLlm = require(remoteLlm, "remoteLlm");
  }

  /** See {@link ElaviraAgentBuilder#listener(ElaviraListener)}. */
  public void listener(ElaviraListener listener) {
    listeners.add(require(listener, "listener"));
  }

  /**
   * Checks the settings against each other, opens the database (or takes the shared store), and
   * opens the agent's runtime over it; see {@link ElaviraAgentBuilder#build()}.
   *
   * @throws IllegalStateException as {@link ElaviraAgentBuilder#build()} documents
   * @throws io.elavira.ElaviraException when the database cannot be opened or migrated
   */
  public AgentRuntime open() {
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
    AgentConfig config = config(guardPolicy());
    RetrievalSettings retrievalSettings = retrieval.settings(model);
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
    return AgentRuntime.open(
        config,
        opened,
        ownsStore,
        model,
        vectors,
        llm,
        executor,
        ElaviraAgentBuilder.DEFAULT_STREAM_THREADS,
        ElaviraAgentBuilder.DEFAULT_STREAM_QUEUE,
        retrievalSettings,
        new RoutingSettings(routing, remoteLlm),
        new CacheAndEvents(responseCache, listeners));
  }

  /** The guards given, or the defaults with {@code maxQuestionChars}; checked against the rest. */
  private GuardPolicy guardPolicy() {
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
    return policy;
  }

  private AgentConfig config(GuardPolicy policy) {
    return new AgentConfig(
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
  }

  static <T> T require(@Nullable T value, String setter) {
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

  static IllegalArgumentException invalid(String setter, @Nullable String value, String rule) {
    return new IllegalArgumentException(
        "ElaviraAgent.builder()." + setter + "(" + value + "): " + setter + " " + rule);
  }
}
