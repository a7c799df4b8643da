package io.elavira.internal;

import io.elavira.Source;
import io.elavira.retrieval.internal.Citations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the text of an extractive answer: a plain statement that no model answered, then the best
 * passages, numbered like {@link io.elavira.Answer#sources()}, each labelled with its document,
 * page and section and quoted (cut to {@value #MAX_QUOTE_CHARS} characters on a word boundary).
 *
 * <p>The agent's own sentences are in French when the question is, in English otherwise (see {@link
 * QuestionLanguage}); the passages are quoted as they are.
 */
final class ExtractiveWriter {
  /** The longest quote of one passage, in characters, ellipsis included. */
  static final int MAX_QUOTE_CHARS = 600;

  static final String ELLIPSIS = "…";

  private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s,;:]+$");

  private ExtractiveWriter() {}

  /**
   * The passages to quote: the best {@code topK} retrieved document passages, best first, then the
   * recalled past conversations (already at most {@link
   * io.elavira.memory.LongTermMemory#maxRecalled()}, each similar enough to the question). Recall
   * puts them after the documents so that a prompt's budget drops them first; a reader has no such
   * budget, and cutting at {@code topK} would drop them whenever enough passages were retrieved.
   */
  static List<Source> quoted(List<Source> retrieved, int topK) {
    List<Source> quotes = new ArrayList<>();
    int documents = 0;
    for (Source s : retrieved) {
      if (s.kind() == Source.Kind.CONVERSATION) {
        quotes.add(s);
      } else if (documents < topK) {
        quotes.add(documents++, s); // documents first, in their order
      }
    }
    return List.copyOf(quotes);
  }

  /**
   * The answer text.
   *
   * @param quotes the passages to quote, best first (they become the answer's sources)
   * @param llmConfigured whether a model was configured (and failed) or none was
   * @param language the language of the question
   */
  static String write(List<Source> quotes, boolean llmConfigured, QuestionLanguage language) {
    return write(quotes, llmConfigured, language, false);
  }

  /**
   * The answer text; when {@code weakMatch}, it says that no passage matches the question well and
   * quotes the closest ones only as such, not as the relevant passages.
   */
  static String write(
      List<Source> quotes, boolean llmConfigured, QuestionLanguage language, boolean weakMatch) {
    boolean french = language == QuestionLanguage.FRENCH;
    boolean conversations = quotes.stream().anyMatch(q -> q.kind() == Source.Kind.CONVERSATION);
    String lead;
    if (french) {
      lead =
          llmConfigured
              ? "Aucun modèle de langue n'a répondu"
              : "Aucun modèle de langue n'est configuré";
    } else {
      lead = llmConfigured ? "No language model answered" : "No language model is configured";
    }
    if (quotes.isEmpty()) {
      return lead
          + (french
              ? ", et aucun passage de vos documents ne correspond à la question."
              : ", and no passage of your documents matched the question.");
    }
    String intro;
    if (weakMatch) {
      intro =
          french
              ? ", et aucun passage de vos documents ne correspond bien à la question. Voici les"
                  + " plus proches, qui n'y répondent probablement pas :"
              : ", and no passage of your documents matches the question well. The closest ones,"
                  + " which probably do not answer it:";
    } else {
      intro =
          french
              ? " ; voici les passages les plus pertinents de vos documents"
                  + (conversations ? " et de vos conversations passées" : "")
                  + " (réponse extractive) :"
              : "; here are the most relevant passages from your documents"
                  + (conversations ? " and past conversations" : "")
                  + " (extractive answer):";
    }
    StringBuilder sb = new StringBuilder(lead).append(intro);
    for (int i = 0; i < quotes.size(); i++) {
      Source s = quotes.get(i);
      sb.append("\n\n[").append(i + 1).append("] ").append(Citations.label(s)).append(":\n");
      for (String line : excerpt(s.text(), MAX_QUOTE_CHARS).split("\\R", -1)) {
        sb.append("> ").append(line).append('\n');
      }
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  /**
   * {@code text} stripped, or its beginning cut at the last whitespace that keeps it within {@code
   * maxChars} characters (at a character boundary for one huge word) and ended with "…".
   */
  static String excerpt(String text, int maxChars) {
    String t = text.strip();
    if (t.length() <= maxChars) {
      return t;
    }
    int end = maxChars - ELLIPSIS.length(); // t.charAt(end) is the first character dropped
    int cut = end;
    while (cut > end / 2 && !Character.isWhitespace(t.charAt(cut))) {
      cut--;
    }
    if (!Character.isWhitespace(t.charAt(cut))) {
      cut = Character.isLowSurrogate(t.charAt(end)) ? end - 1 : end;
    }
    return TRAILING_SEPARATORS.matcher(t.substring(0, cut)).replaceFirst("") + ELLIPSIS;
  }
}
