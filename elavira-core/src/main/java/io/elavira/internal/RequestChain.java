package io.elavira.internal;

import io.elavira.Answer;
import io.elavira.agent.RoutePolicy;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.embed.EmbeddingModel;
import io.elavira.guard.GuardPolicy;
import io.elavira.guard.InjectionDetector;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.memory.MemoryWindow;
import io.elavira.observe.AnswerEvent;
import io.elavira.observe.CacheEvent;
import io.elavira.observe.GuardEvent;
import io.elavira.retrieval.internal.PromptBuilder;
import io.elavira.store.AuditLog;
import io.elavira.store.ConversationStore;
import io.elavira.store.ElaviraStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The request path of one agent: ONE chain of {@link Stage}s run by both {@link #ask} and {@link
 * #stream}, which differ only in how tokens reach the caller (OkHttp's {@code execute()} and {@code
 * enqueue()} both run {@code getResponseWithInterceptorChain()}).
 *
 * <p>Stages, in order: guard (limits, injection in the question) → conversation lock → record
 * (persists what the rest replies, in one transaction) → route (when the agent has a router) →
 * memory (window, summary) → retrieval → recall of past conversations → passage guard (limit,
 * instructions hidden in passages) → prompt → prompt guard (context tokens, turn time) → generation
 * (model bounded by the call timeout, or extractive), with the response cache (when configured) and
 * the attempt events right before generation. A new capability is one stage inserted once in {@link
 * #stages}. Listeners get each stage's event as it runs, and the answer's at the end.
 *
 * <p>Thread-safe. {@link #cancelAll()} cancels every running exchange (used by {@code close()}).
 */
public final class RequestChain {
  private final List<Stage> stages;
  private final GuardStage guard;
  private final GenerationStage generation;
  private final Set<Exchange> running = ConcurrentHashMap.newKeySet();
  private final String agentId;
  private final Events events;

  /**
   * Creates the chain of one agent with its long-term memory ({@link
   * AgentConfig#longTermMemory()}): past conversations recalled with {@code embeddings} through the
   * store's embedding cache, and long conversations summarised by {@code llm} (extractively without
   * one); a route stage before memory and retrieval when {@code routing} has a policy, a response
   * cache and listeners.
   *
   * @param llm the model, or null to answer every question extractively (nothing is cached then)
   * @param questions embeds the questions that recall compares with past exchanges: the retrieval's
   *     question embedder, so that a question is embedded once for both
   * @param routing the route policy and the remote model, or {@link RoutingSettings#NONE}
   * @param extras the response cache policy (or none) and the listeners
   */
  public RequestChain(
      AgentConfig config,
      ElaviraStore store,
      PassageSearch retriever,
      @Nullable LlmProvider llm,
      EmbeddingModel embeddings,
      EmbeddingModel questions,
      RoutingSettings routing,
      CacheAndEvents extras) {
    this(
        config,
        store.conversations(),
        store.audit(),
        retriever,
        llm,
        config.longTermMemory().summaries()
            ? new ConversationSummarizer(
                store.memory(),
                llm,
                config.longTermMemory(),
                config.tokenCounter(),
                Clock.systemUTC())
            : null,
        config.longTermMemory().recall()
            ? new ConversationRecall(
                store.memory(),
                new ChunkEmbedder(embeddings, store.documents()),
                questions,
                config.longTermMemory(),
                ConversationRecall.DEFAULT_MEMORY_FLOATS)
            : null,
        store,
        routing,
        extras);
  }

  private RequestChain(
      AgentConfig config,
      ConversationStore conversations,
      AuditLog audit,
      PassageSearch retriever,
      @Nullable LlmProvider llm,
      @Nullable ConversationSummarizer summarizer,
      @Nullable ConversationRecall recall,
      ElaviraStore store,
      RoutingSettings routing,
      CacheAndEvents extras) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(extras, "extras");
    this.agentId = config.agentId();
    this.events = Events.of(extras.listeners());
    GuardPolicy policy = config.guards();
    InjectionDetector detector = new InjectionDetector();
    GuardAudit guardAudit = new GuardAudit(config.agentId(), audit);
    this.guard =
        new GuardStage(
            config.agentId(), policy, config.tokenCounter(), detector, conversations, guardAudit);
    this.generation =
        new GenerationStage(
            config, llm == null ? null : new TimedLlmProvider(llm, policy.modelCallTimeout()));
    List<Stage> chain = new ArrayList<>();
    chain.add(guard);
    chain.add(new ConversationLockStage());
    chain.add(new RecordStage(config.agentId(), conversations, audit, generation));
    RoutePolicy routePolicy = routing.policy();
    if (routePolicy != null) {
      LlmProvider remote = routing.remote();
      chain.add(
          new RouteStage(
              config.agentId(),
              routePolicy,
              remote == null ? null : new TimedLlmProvider(remote, policy.modelCallTimeout())));
    }
    chain.add(
        new MemoryStage(
            config.agentId(),
            conversations,
            MemoryWindow.of(config.memoryMessages(), config.memoryTokens(), config.tokenCounter()),
            summarizer));
    chain.add(new RetrievalStage(config, retriever));
    if (recall != null) {
      chain.add(new RecallStage(config.agentId(), recall));
    }
    chain.add(new PassageGuardStage(policy, detector, guardAudit));
    chain.add(
        new PromptStage(
            new PromptBuilder(
                config.systemPrompt(), config.contextTokens(), config.tokenCounter())));
    chain.add(new PromptGuardStage(policy, config.tokenCounter(), guardAudit));
    ResponseCachePolicy cache = extras.responseCache();
    if (cache != null && llm != null) {
      chain.add(
          new ResponseCacheStage(
              config.agentId(), cache, store.responseCache(), store.documents(), llm, generation));
    }
    chain.add(new AttemptEventsStage(config.agentId()));
    chain.add(generation);
    this.stages = List.copyOf(chain);
  }

  /**
   * Rejects a question the guards refuse, at once; the only side effect is the audit entry of the
   * refusal.
   *
   * @throws io.elavira.guard.InputRejectedException when the question is refused (its {@link
   *     io.elavira.guard.LimitExceededException} and {@link
   *     io.elavira.guard.PromptInjectionException} subclasses name the rule and its setting)
   */
  public void check(String userId, String conversationId, String question) {
    long started = System.nanoTime();
    try {
      guard.check(userId, conversationId, question);
    } catch (InputRejectedException e) {
      guardEvent("", e, started);
      throw e;
    }
  }

  private void guardEvent(String traceId, InputRejectedException e, long startedNanos) {
    if (events.active()) {
      events.guard(
          new GuardEvent(
              traceId,
              agentId,
              "input",
              GuardEvent.Action.BLOCKED,
              Objects.toString(e.getMessage(), e.getClass().getSimpleName()),
              Duration.ofNanos(System.nanoTime() - startedNanos)));
    }
  }

  /** Answers on the caller's thread; see {@link io.elavira.ElaviraAgent#ask}. */
  public Answer ask(String userId, String conversationId, String question) {
    return execute(new Exchange(userId, conversationId, question, null));
  }

  /**
   * A streamed answer to run with {@link StreamCall#run()} on an executor thread. The question must
   * have passed {@link #check} already.
   */
  public StreamCall stream(
      String userId, String conversationId, String question, TokenListener listener) {
    Objects.requireNonNull(listener, "listener");
    return new StreamCall(this, new Exchange(userId, conversationId, question, listener));
  }

  /**
   * Cancels every running exchange; their callers get a CANCELLED {@link
   * io.elavira.llm.LlmException}.
   */
  public void cancelAll() {
    running.forEach(Exchange::cancel);
  }

  Answer execute(Exchange exchange) {
    exchange.events(events);
    running.add(exchange);
    long started = System.nanoTime();
    try {
      Reply reply;
      try {
        reply = proceed(exchange, 0);
      } catch (InputRejectedException e) {
        guardEvent(exchange.traceId(), e, started);
        throw e;
      }
      Answer answer =
          Answer.builder()
              .text(reply.text())
              .mode(reply.mode())
              .reason(reply.reason())
              .sources(reply.sources())
              .provider(reply.provider())
              .model(reply.model())
              .usage(reply.usage())
              .latency(exchange.latency())
              .conversationId(exchange.conversationId())
              .traceId(exchange.traceId())
              .attempts(reply.attempts())
              .partial(reply.partial())
              .weakMatch(exchange.weakMatch())
              .route(exchange.route())
              .guardFlags(exchange.guardFlags())
              .cached(exchange.cacheOutcome() == CacheEvent.Outcome.HIT)
              .consensus(exchange.consensus())
              .build();
      if (events.active()) {
        events.answer(
            new AnswerEvent(
                answer.traceId(),
                agentId,
                answer.mode(),
                answer.provider(),
                answer.model(),
                answer.cached(),
                answer.partial(),
                answer.latency()));
      }
      return answer;
    } finally {
      running.remove(exchange);
    }
  }

  io.elavira.llm.LlmException cancelled() {
    return generation.cancelled(null);
  }

  private Reply proceed(Exchange exchange, int index) {
    if (index >= stages.size()) {
      throw new IllegalStateException("the last stage of the chain must reply");
    }
    return stages.get(index).handle(exchange, next -> proceed(next, index + 1));
  }
}
