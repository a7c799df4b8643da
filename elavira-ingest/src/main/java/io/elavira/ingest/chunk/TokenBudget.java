package io.elavira.ingest.chunk;

import io.elavira.llm.TokenCounter;
import java.util.List;

/**
 * How {@link RecursiveChunker}, {@link TextSplitter} and {@link ChunkPacker} measure text against a
 * token budget: with the chunker's counter, bounded in characters as well, and with the separators
 * that join parts counted once instead of at every join. Immutable and thread-safe (the counter
 * must be).
 */
final class TokenBudget {
  /**
   * The most characters a piece may hold per token of its budget, whatever the counter says. Real
   * text averages 3 to 6 characters per token; this bounds the pieces of text that a tokenizer
   * counts as very few tokens (WordPiece makes one {@code [UNK]} of any word over 100 characters),
   * and lets long texts be known not to fit without counting them.
   */
  static final int MAX_CHARS_PER_TOKEN = 12;

  /** The character limit of a piece is never below this, so URLs and paths stay whole. */
  static final int MIN_MAX_CHARS = 1000;

  /** The separators parts are joined with: between blocks, lines, and words or sentences. */
  private static final List<String> SEPARATORS = List.of(TextSplitter.BLOCK_SEPARATOR, "\n", " ");

  private final TokenCounter counter;
  private final int[] separatorTokens = new int[SEPARATORS.size()];

  TokenBudget(TokenCounter counter) {
    this.counter = counter;
    for (int i = 0; i < SEPARATORS.size(); i++) {
      separatorTokens[i] = counter.count(SEPARATORS.get(i));
    }
  }

  /** The tokens of {@code text}, as the counter says. */
  int count(String text) {
    return counter.count(text);
  }

  /**
   * The tokens of a separator joining two parts: 0 for none, counted when this budget was made for
   * the usual separators, else counted now.
   */
  int separatorTokens(String separator) {
    if (separator.isEmpty()) {
      return 0;
    }
    int known = SEPARATORS.indexOf(separator);
    return known >= 0 ? separatorTokens[known] : count(separator);
  }

  /** The tokens of {@code text} when it fits the budget (length first, then count), else -1. */
  int tokensIfFits(String text, int budget) {
    if (text.length() > maxChars(budget)) {
      return -1;
    }
    int tokens = count(text);
    return tokens <= budget ? tokens : -1;
  }

  /** Whether {@code text} fits the budget, in tokens and in characters. */
  boolean fits(String text, int budget) {
    return tokensIfFits(text, budget) >= 0;
  }

  /** The most characters of a piece with this token budget. */
  static long maxChars(int budget) {
    return Math.max((long) budget * MAX_CHARS_PER_TOKEN, MIN_MAX_CHARS);
  }
}
