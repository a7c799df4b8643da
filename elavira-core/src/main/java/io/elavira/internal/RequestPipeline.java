package io.elavira.internal;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.guard.InputGuard;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.MemoryWindow;
import io.elavira.retrieval.Prompt;
import io.elavira.retrieval.PromptBuilder;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import io.elavira.store.AuditLog;
import io.elavira.store.ConversationStore;
import io.elavira.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of one agent, in stages: guard, then (under the conversation's lock) load
 * memory, retrieve, build the prompt, generate or fall back to an extractive answer, persist and
 * audit. {@link #ask} runs them all on the caller's thread; {@link StreamCall} runs them with a
 * streaming generation.
 *
 * <p>Thread-safe: calls on one conversation are serialized by a per-conversation lock, calls on
 * different conversations run in parallel.
 */
public final class RequestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

  /** The provider name of extractive answers. */
  public static final String EXTRACTIVE = "extractive";

  private final AgentConfig config;
  private final ConversationStore conversations;
  private final AuditLog audit;
  private final Retriever retriever;
  private final LlmProvider llm;
  private final InputGuard guard;
  private final MemoryWindow memory;
  private final PromptBuilder prompts;
  private final KeyedLocks conversationLocks = new KeyedLocks();

  /**
   * Creates the pipeline.
   *
   * @param llm the model, or null to answer every question extractively
   */
  public RequestPipeline(
      AgentConfig config,
      ConversationStore conversations,
      AuditLog audit,
      Retriever retriever,
      LlmProvider llm) {
    this.config = Objects.requireNonNull(config, "config");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.llm = llm;
    this.guard = new InputGuard(config.maxQuestionChars());
    this.memory =
        MemoryWindow.of(config.memoryMessages(), config.memoryTokens(), config.tokenCounter());
    this.prompts =
        new PromptBuilder(config.systemPrompt(), config.contextTokens(), config.tokenCounter());
  }

  /** Rejects a question the guard refuses; nothing has been done yet. */
  public void check(String question) {
    guard.check(question);
  }

  /** Answers on the caller's thread; see {@link io.elavira.ElaviraAgent#ask}. */
  public Answer ask(String userId, String conversationId, String question) {
    long started = System.nanoTime();
    guard.check(question);
    ReentrantLock lock = lockFor(conversationId);
    lock.lock();
    try {
      Turn turn = prepare(userId, conversationId, question, started);
      if (llm == null) {
        return record(turn, extractive(turn, false));
      }
      Reply reply;
      try {
        ChatResponse response = llm.chat(turn.prompt().request());
        reply = generated(turn, response, response.text());
      } catch (LlmException e) {
        reply = fallback(turn, e);
      }
      return record(turn, reply);
    } finally {
      lock.unlock();
    }
  }

  /** The model, or null. */
  LlmProvider llm() {
    return llm;
  }

  ReentrantLock lockFor(String conversationId) {
    return conversationLocks.lockFor(Objects.requireNonNull(conversationId, "conversationId"));
  }

  /** Everything before generation: conversation row, memory, retrieval, prompt. */
  Turn prepare(String userId, String conversationId, String question, long startedNanos) {
    conversations.ensureConversation(config.agentId(), userId, conversationId);
    var history = memory.select(conversations.recent(conversationId, config.memoryMessages()));
    List<Source> retrieved =
        retriever.retrieve(
            new RetrievalQuery(
                config.agentId(), userId, question, config.topK(), config.minScore()));
    Prompt prompt = prompts.build(retrieved, history, question);
    LOG.debug(
        "Prepared trace for conversation {}: {} passages retrieved, {} in prompt, {} history"
            + " messages, {} budget tokens",
        conversationId,
        retrieved.size(),
        prompt.sources().size(),
        prompt.request().messages().size() - 2,
        prompt.budgetTokens());
    return new Turn(
        UUID.randomUUID().toString(),
        startedNanos,
        userId,
        conversationId,
        question,
        retrieved,
        prompt);
  }

  Reply generated(Turn turn, ChatResponse response, String text) {
    return new Reply(
        text,
        AnswerMode.GENERATED,
        turn.prompt().sources(),
        llm.name(),
        response.model(),
        response.usage());
  }

  Reply extractive(Turn turn, boolean llmConfigured) {
    // Quoted from everything retrieved: the prompt's token budget is the model's, not the reader's.
    List<Source> quotes = ExtractiveWriter.quoted(turn.retrieved(), config.topK());
    String text =
        ExtractiveWriter.write(quotes, llmConfigured, QuestionLanguage.of(turn.question()));
    return new Reply(text, AnswerMode.EXTRACTIVE, quotes, EXTRACTIVE, "none", TokenUsage.NONE);
  }

  Reply fallback(Turn turn, LlmException e) {
    LOG.warn(
        "Provider {} failed ({}{}) for trace {}; answering extractively",
        e.provider(),
        e.kind(),
        e.isRetriable() ? ", retriable" : "",
        turn.traceId());
    return extractive(turn, true);
  }

  /** Persists the question and the reply in one append, audits, and builds the answer. */
  Answer record(Turn turn, Reply reply) {
    Duration latency = Duration.ofNanos(System.nanoTime() - turn.startedNanos());
    Instant now = Instant.now();
    conversations.append(
        List.of(
            new StoredMessage(
                0,
                turn.conversationId(),
                Role.USER,
                turn.question(),
                null,
                null,
                0,
                0,
                0,
                turn.traceId(),
                now),
            new StoredMessage(
                0,
                turn.conversationId(),
                Role.ASSISTANT,
                reply.text(),
                reply.provider(),
                reply.model(),
                reply.usage().inputTokens(),
                reply.usage().outputTokens(),
                latency.toMillis(),
                turn.traceId(),
                now)));
    audit.record(
        "ask",
        turn.userId(),
        config.agentId(),
        "conversation="
            + turn.conversationId()
            + " trace="
            + turn.traceId()
            + " mode="
            + reply.mode()
            + " provider="
            + reply.provider()
            + " sources="
            + reply.sources().size()
            + " ms="
            + latency.toMillis());
    return new Answer(
        reply.text(),
        reply.mode(),
        reply.sources(),
        reply.provider(),
        reply.model(),
        reply.usage(),
        latency,
        turn.conversationId(),
        turn.traceId());
  }

  /** Records a request that failed after the model started answering; nothing is persisted. */
  void recordFailure(Turn turn, RuntimeException e) {
    audit.record(
        "ask-failed",
        turn.userId(),
        config.agentId(),
        "conversation="
            + turn.conversationId()
            + " trace="
            + turn.traceId()
            + " error="
            + (e instanceof LlmException l ? l.kind().name() : e.getClass().getSimpleName()));
  }

  /** A request being answered: what was asked and what was retrieved. */
  record Turn(
      String traceId,
      long startedNanos,
      String userId,
      String conversationId,
      String question,
      List<Source> retrieved,
      Prompt prompt) {}

  /** What answered and how. */
  record Reply(
      String text,
      AnswerMode mode,
      List<Source> sources,
      String provider,
      String model,
      TokenUsage usage) {}
}
