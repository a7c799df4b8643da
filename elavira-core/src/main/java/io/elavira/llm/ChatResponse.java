package io.elavira.llm;

import java.util.Objects;

/**
 * A model's complete answer.
 *
 * @param text the generated text (may be empty: a refusal or an empty answer is not an error)
 * @param model the model that actually answered, as the provider reports it
 * @param usage tokens consumed
 * @param finishReason why generation stopped as the provider says it ("stop", "length"...), or null
 *     when unknown
 */
public record ChatResponse(String text, String model, TokenUsage usage, String finishReason) {
  /** Validates the required fields. */
  public ChatResponse {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "ChatResponse[model="
        + model
        + ", chars="
        + text.length()
        + ", usage="
        + usage
        + ", finishReason="
        + finishReason
        + "]";
  }
}
