package io.elavira.internal;

import io.elavira.retrieval.internal.Prompt;
import io.elavira.retrieval.internal.PromptBuilder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the prompt within the token budget: system prompt, delimited passages, history. */
final class PromptStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(PromptStage.class);

  private final PromptBuilder prompts;

  PromptStage(PromptBuilder prompts) {
    this.prompts = Objects.requireNonNull(prompts, "prompts");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    Prompt prompt =
        prompts.build(
            exchange.retrieved(),
            exchange.summary(),
            exchange.history(),
            exchange.question(),
            exchange.flaggedPassages());
    exchange.prompt(prompt);
    LOG.debug(
        "Trace {}: {} passages retrieved, {} in prompt, {} history messages, {} budget tokens",
        exchange.traceId(),
        exchange.retrieved().size(),
        prompt.sources().size(),
        exchange.history().size(),
        prompt.budgetTokens());
    return chain.proceed(exchange);
  }
}
