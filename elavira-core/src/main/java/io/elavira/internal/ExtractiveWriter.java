package io.elavira.internal;

import io.elavira.Source;
import io.elavira.retrieval.Citations;
import java.util.List;

/**
 * Writes the text of an extractive answer: a plain statement that no model answered, then the best
 * passages quoted with their document and page.
 */
final class ExtractiveWriter {
  /** The most passages quoted. */
  static final int MAX_QUOTES = 3;

  private ExtractiveWriter() {}

  /** The passages to quote: the best ones that made it into the prompt, else the best retrieved. */
  static List<Source> quoted(List<Source> inPrompt, List<Source> retrieved) {
    List<Source> pool = inPrompt.isEmpty() ? retrieved : inPrompt;
    return List.copyOf(pool.subList(0, Math.min(MAX_QUOTES, pool.size())));
  }

  /**
   * The answer text.
   *
   * @param quotes the passages to quote, best first
   * @param llmConfigured whether a model was configured (and failed) or none was
   */
  static String write(List<Source> quotes, boolean llmConfigured) {
    String lead = llmConfigured ? "No language model answered" : "No language model is configured";
    if (quotes.isEmpty()) {
      return lead + ", and no passage of your documents matched the question.";
    }
    StringBuilder sb = new StringBuilder(lead)
        .append("; here are the most relevant passages from your documents (extractive answer):");
    for (int i = 0; i < quotes.size(); i++) {
      Source s = quotes.get(i);
      sb.append("\n\n[").append(i + 1).append("] ").append(Citations.label(s)).append(":\n");
      for (String line : s.text().strip().split("\\R", -1)) {
        sb.append("> ").append(line).append('\n');
      }
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }
}
