package io.elavira.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Looks for prompt injections in a user's question or a retrieved passage, in English and French:
 * orders to drop earlier instructions ("ignore previous instructions", "oublie tout"), role changes
 * ("you are now", "tu es maintenant"), jailbreak personas and modes, requests for the system prompt
 * ("révèle ton prompt système"), fake chat delimiters, notes addressed to the AI reading a
 * document, and attempts to dictate the output.
 *
 * <p>Rule-based, with no model: each rule is a scored signal; a text's score combines the signals
 * that matched as independent evidence ({@code 1 - Π(1 - weight)}), and the text is suspicious when
 * the score reaches the threshold. Before matching, the text is folded: accents, case, zero-width
 * and format characters, compatibility forms, common Cyrillic/Greek look-alikes, typographic
 * quotes, leetspeak ({@code 1gn0r3}) and spaced-out letters ({@code i g n o r e}) are undone.
 * Paraphrases outside the rules' vocabulary, other languages and encoded payloads (base64) are
 * missed: see the measured rates in docs/benchmarks.md, section "Injection guard".
 *
 * <p>Immutable and thread-safe; cheap enough to run on every question and passage.
 */
public final class InjectionDetector {
  /** Default score from which a text is suspicious. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  /** Longest prefix of a text that is scanned. */
  public static final int MAX_SCANNED_CHARS = 20_000;

  private final double threshold;

  /** A detector with {@link #DEFAULT_THRESHOLD}. */
  public InjectionDetector() {
    this(DEFAULT_THRESHOLD);
  }

  /**
   * A detector with its own threshold.
   *
   * @param threshold in (0, 1]: higher flags fewer texts
   * @throws IllegalArgumentException when out of range
   */
  public InjectionDetector(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.threshold = threshold;
  }

  /** The score from which a text is suspicious. */
  public double threshold() {
    return threshold;
  }

  /**
   * Scans a text (its first {@value #MAX_SCANNED_CHARS} characters).
   *
   * @return the score, the rules that matched (each id once) and whether it is suspicious
   */
  public InjectionVerdict scan(String text) {
    Objects.requireNonNull(text, "text");
    String scanned =
        text.length() > MAX_SCANNED_CHARS ? text.substring(0, MAX_SCANNED_CHARS) : text;
    List<String> forms = InjectionText.forms(scanned);
    List<String> matched = new ArrayList<>();
    double clean = 1;
    List<Set<String>> words = forms.stream().map(InjectionText::words).toList();
    for (InjectionRules.Rule rule : InjectionRules.ALL) {
      for (int i = 0; i < forms.size(); i++) {
        if (rule.mayMatch(words.get(i)) && rule.pattern().matcher(forms.get(i)).find()) {
          clean *= 1 - rule.weight();
          if (!matched.contains(rule.id())) {
            matched.add(rule.id());
          }
          break;
        }
      }
    }
    if (matched.isEmpty()) {
      return InjectionVerdict.CLEAN;
    }
    double score = Math.min(1, Math.max(0, 1 - clean));
    return new InjectionVerdict(score, matched, score >= threshold);
  }

  @Override
  public String toString() {
    return "InjectionDetector[threshold="
        + threshold
        + ", rules="
        + InjectionRules.ALL.size()
        + "]";
  }
}
