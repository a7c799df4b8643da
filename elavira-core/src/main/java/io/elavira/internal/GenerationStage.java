package io.elavira.internal;

import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.llm.Attempt;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenUsage;
import java.time.Duration;
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
 * reached the caller gives a PARTIAL reply: the text the caller saw, the provider that failed and
 * why; it is never completed with another model's text. A cancelled exchange throws {@link
 * LlmException.Kind#CANCELLED}.
 */
final class GenerationStage implements Stage {
  /** The provider name of extractive answers. */
  static final String EXTRACTIVE = "extractive";

  static final String NO_MODEL_REASON = "No language model is configured.";

  private static final Logger LOG = LoggerFactory.getLogger(GenerationStage.class);

  private final AgentConfig config;
  private final @Nullable LlmProvider llm;

  GenerationStage(AgentConfig config, @Nullable LlmProvider llm) {
    this.config = Objects.requireNonNull(config, "config");
    this.llm = llm;
  }

  /** The name failures and cancellations are reported under. */
  String providerName() {
    return llm == null ? EXTRACTIVE : llm.name();
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    LlmProvider model = exchange.llmOr(llm);
    if (model == null) {
      return extractive(exchange, false, NO_MODEL_REASON, List.of());
    }
    ChatRequest request = exchange.prompt().request();
    List<Source> sources = exchange.prompt().sources();
    StringBuilder text = new StringBuilder();
    long started = System.nanoTime();
    try {
      boolean streaming = exchange.isStreaming();
      ChatResponse response =
          streaming
              ? model.stream(
                  request,
                  token -> {
                    text.append(token);
                    exchange.deliver(token);
                  },
                  exchange.cancellation())
              : model.chat(request, exchange.cancellation());
      checkNotCancelled(exchange);
      exchange.consensus(response.consensus());
      return generated(
          model, response, streaming ? text.toString() : response.text(), sources, started);
    } catch (RuntimeException e) {
      if (exchange.isCancelled()) {
        throw cancelled(e);
      }
      if (e instanceof LlmException l) {
        exchange.consensus(l.consensus()); // a failed consensus still reports its workers
      }
      List<Attempt> attempts = attemptsOf(model, request, e, started);
      if (exchange.hasDelivered()) {
        // The caller saw these tokens: say where they stop, never complete them with other text.
        String failed = e instanceof LlmException l ? l.provider() : model.name();
        LOG.warn(
            "Provider {} failed mid-stream ({}) for trace {}; the answer is partial",
            failed,
            kindOf(e),
            exchange.traceId());
        return new Reply(
            text.toString(),
            AnswerMode.GENERATED,
            reasonOf(model, e) + " The answer stops there.",
            sources,
            failed,
            modelOf(attempts, failed, request, model),
            TokenUsage.NONE,
            attempts,
            true);
      }
      LOG.warn(
          "Provider {} failed ({}) for trace {}; answering extractively",
          model.name(),
          kindOf(e),
          exchange.traceId());
      return extractive(exchange, true, reasonOf(model, e), attempts);
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

  private Reply extractive(
      Exchange exchange, boolean llmConfigured, String reason, List<Attempt> attempts) {
    // Quoted from everything retrieved: the prompt's token budget is the model's, not the reader's.
    List<Source> quotes = ExtractiveWriter.quoted(exchange.retrieved(), config.topK());
    String text =
        ExtractiveWriter.write(
            quotes, llmConfigured, QuestionLanguage.of(exchange.question()), exchange.weakMatch());
    if (exchange.isCancelled()) {
      throw cancelled(null);
    }
    exchange.deliver(text);
    return new Reply(
        text,
        AnswerMode.EXTRACTIVE,
        reason,
        quotes,
        EXTRACTIVE,
        "none",
        TokenUsage.NONE,
        attempts,
        false);
  }

  /**
   * A generated reply, credited to the provider that answered: a decorator (fallback chain,
   * consensus) names it in the response's attempts; a plain provider is its own.
   */
  private static Reply generated(
      LlmProvider model,
      ChatResponse response,
      String text,
      List<Source> sources,
      long startedNanos) {
    String provider = model.name();
    for (Attempt a : response.attempts()) {
      if (a.outcome() == Attempt.Outcome.ANSWERED) {
        provider = a.provider();
      }
    }
    List<Attempt> attempts =
        response.attempts().isEmpty()
            ? List.of(Attempt.answered(provider, response.model(), since(startedNanos)))
            : response.attempts();
    return new Reply(
        text,
        AnswerMode.GENERATED,
        null,
        sources,
        provider,
        response.model(),
        response.usage(),
        attempts,
        false);
  }

  /**
   * The attempts of a failed call: a decorator's own list, or the one provider that failed (any
   * exception that is not an {@link LlmException} is counted as UNAVAILABLE).
   */
  private static List<Attempt> attemptsOf(
      LlmProvider model, ChatRequest request, RuntimeException e, long startedNanos) {
    if (e instanceof LlmException l && !l.attempts().isEmpty()) {
      return l.attempts();
    }
    String provider = e instanceof LlmException l ? l.provider() : model.name();
    LlmException.Kind kind = e instanceof LlmException l ? l.kind() : LlmException.Kind.UNAVAILABLE;
    String requested = request.model();
    return List.of(
        Attempt.failed(
            provider,
            requested != null ? requested : model.defaultModel(),
            kind,
            since(startedNanos)));
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** The model of the failed provider's last attempt, or the requested or default one. */
  private static String modelOf(
      List<Attempt> attempts, String provider, ChatRequest request, LlmProvider model) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).provider().equals(provider)) {
        return attempts.get(i).model();
      }
    }
    String requested = request.model();
    return requested != null ? requested : model.defaultModel();
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
