package io.elavira.llm;

/**
 * Counts tokens in a text, to fit chunks and prompts into budgets.
 *
 * <p>Thread-safe. Exact counters come from a model's own tokenizer (the ONNX embedding model
 * exposes its WordPiece counter); {@link #estimating()} is a fast approximation for when none is
 * configured.
 */
@FunctionalInterface
public interface TokenCounter {

  /** The number of tokens in {@code text}; 0 for an empty text. */
  int count(String text);

  /**
   * An approximation that needs no tokenizer: one token per word plus one per punctuation mark,
   * with long words counted as several tokens. Errs high rather than low for English and French,
   * so budgets computed with it are safe.
   */
  static TokenCounter estimating() {
    return text -> {
      int tokens = 0;
      int wordLength = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          wordLength++;
        } else {
          tokens += wordTokens(wordLength);
          wordLength = 0;
          if (!Character.isWhitespace(c)) {
            tokens++;
          }
        }
      }
      return tokens + wordTokens(wordLength);
    };
  }

  private static int wordTokens(int length) {
    return length == 0 ? 0 : 1 + (length - 1) / 6;
  }
}
