package io.elavira.internal;

import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenUsage;
import io.elavira.store.AuditLog;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: the model writes the answer, or the best passages are quoted (extractive mode)
 * when there is no model or it failed before anything reached the caller.
 *
 * <p>Tokens reach the caller through {@link Exchange#deliver}: as they arrive when streaming, as
 * one piece for an extractive answer. Any failure of the provider, not only an {@link
 * LlmException}, gives an extractive reply whose reason names the provider and the failure's kind
 * (never an arbitrary exception's message, which could quote the prompt). A failure after tokens
 * reached the caller is rethrown (as {@link LlmException.Kind#STREAM_INTERRUPTED} when it was not
 * an {@link LlmException}): the caller saw a partial answer, which must not be completed with
 * another text. A cancelled exchange throws {@link LlmException.Kind#CANCELLED}.
 */
final class GenerationStage implements Stage {
  /** The provider name of extractive answers. */
  static final String EXTRACTIVE = "extractive";

  static final String NO_MODEL_REASON = "No language model is configured.";

  private static final Logger LOG = LoggerFactory.getLogger(GenerationStage.class);

  private final AgentConfig config;
  private final @Nullable LlmProvider llm;
  private final AuditLog audit;

  GenerationStage(AgentConfig config, @Nullable LlmProvider llm, AuditLog audit) {
    this.config = Objects.requireNonNull(config, "config");
    this.llm = llm;
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The name failures and cancellations are reported under. */
  String providerName() {
    return llm == null ? EXTRACTIVE : llm.name();
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    LlmProvider model = llm;
    if (model == null) {
      return extractive(exchange, false, NO_MODEL_REASON);
    }
    ChatRequest request = exchange.prompt().request();
    List<Source> sources = exchange.prompt().sources();
    try {
      if (!exchange.isStreaming()) {
        ChatResponse response = model.chat(request);
        checkNotCancelled(exchange);
        return generated(model, response, response.text(), sources);
      }
      StringBuilder text = new StringBuilder();
      ChatResponse response =
          model.stream(
              request,
              token -> {
                text.append(token);
                exchange.deliver(token);
              },
              exchange.cancellation());
      checkNotCancelled(exchange);
      return generated(model, response, text.toString(), sources);
    } catch (RuntimeException e) {
      if (exchange.isCancelled()) {
        throw cancelled(e);
      }
      if (exchange.hasDelivered()) {
        audit.record(
            "ask-failed",
            exchange.userId(),
            config.agentId(),
            "conversation="
                + exchange.conversationId()
                + " trace="
                + exchange.traceId()
                + " error="
                + kindOf(e));
        if (e instanceof LlmException) {
          throw e;
        }
        throw new LlmException(
            model.name(),
            LlmException.Kind.STREAM_INTERRUPTED,
            "Provider "
                + model.name()
                + " failed in the middle of its answer ("
                + e.getClass().getSimpleName()
                + "); the partial answer was not stored.",
            null,
            e);
      }
      LOG.warn(
          "Provider {} failed ({}) for trace {}; answering extractively",
          model.name(),
          kindOf(e),
          exchange.traceId());
      return extractive(exchange, true, reasonOf(model, e));
    }
  }

  /** The exception for a cancelled exchange. */
  LlmException cancelled(@Nullable Throwable cause) {
    return new LlmException(
        providerName(),
        LlmException.Kind.CANCELLED,
        "The answer was cancelled (by the caller, or because the agent is closing); nothing was"
            + " stored.",
        null,
        cause);
  }

  private void checkNotCancelled(Exchange exchange) {
    if (exchange.isCancelled()) {
      throw cancelled(null);
    }
  }

  private Reply extractive(Exchange exchange, boolean llmConfigured, String reason) {
    // Quoted from everything retrieved: the prompt's token budget is the model's, not the reader's.
    List<Source> quotes = ExtractiveWriter.quoted(exchange.retrieved(), config.topK());
    String text =
        ExtractiveWriter.write(quotes, llmConfigured, QuestionLanguage.of(exchange.question()));
    if (exchange.isCancelled()) {
      throw cancelled(null);
    }
    exchange.deliver(text);
    return new Reply(
        text, AnswerMode.EXTRACTIVE, reason, quotes, EXTRACTIVE, "none", TokenUsage.NONE);
  }

  private static Reply generated(
      LlmProvider model, ChatResponse response, String text, List<Source> sources) {
    return new Reply(
        text,
        AnswerMode.GENERATED,
        null,
        sources,
        model.name(),
        response.model(),
        response.usage());
  }

  private static String kindOf(RuntimeException e) {
    return e instanceof LlmException l ? l.kind().name() : e.getClass().getSimpleName();
  }

  /** A sentence safe to show: an LlmException's message is written to be; others' are not. */
  static String reasonOf(LlmProvider model, RuntimeException e) {
    if (e instanceof LlmException l) {
      String kind = l.kind() == LlmException.Kind.CANCELLED ? "cancelled" : l.kind().name();
      return "Provider " + l.provider() + " failed (" + kind + "): " + l.getMessage();
    }
    return "Provider "
        + model.name()
        + " failed unexpectedly ("
        + e.getClass().getSimpleName()
        + "); see the log for details.";
  }
}
