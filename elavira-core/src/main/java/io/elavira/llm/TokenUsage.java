package io.elavira.llm;

/**
 * Tokens a call consumed, as reported by the provider (or estimated when it reports nothing).
 *
 * @param inputTokens tokens in the prompt, 0 or more
 * @param outputTokens tokens generated, 0 or more
 */
public record TokenUsage(int inputTokens, int outputTokens) {
  /** No tokens: the usage of an extractive answer or a cache hit. */
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  /** Rejects negative counts. */
  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0, got input=" + inputTokens + " output=" + outputTokens);
    }
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** The sum of this usage and another one. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
