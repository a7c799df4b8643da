package io.elavira.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of {@link InjectionDetector}, English and French, written against {@link
 * InjectionText#fold folded} text (lower case, no accents, plain apostrophes). Each rule is a
 * signal with a weight: strong signals (an order to ignore earlier instructions, a request for the
 * system prompt, a note addressed to the AI reading a document) reach the threshold alone; weaker
 * ones (a role change, "without restrictions", a fake chat delimiter) need company.
 *
 * <p>The rules themselves stand in two families: {@link OverrideRules} (orders that take the model
 * over) and {@link ExposureRules} (getting past its instructions: the prompt, delimiters, hidden
 * notes, the output).
 */
final class InjectionRules {

  /**
   * One signal.
   *
   * @param id category and language, e.g. {@code "override.en"}
   * @param weight in (0, 1]
   * @param pattern matched with {@code find()} on each form of the text
   * @param triggers the pattern can only match a text holding, for each group, one of its words: a
   *     cheap pre-check that spares running most patterns on most texts
   */
  record Rule(String id, double weight, Pattern pattern, List<List<String>> triggers) {
    /** Whether the pattern is worth running on a text holding these words. */
    boolean mayMatch(Set<String> words) {
      for (List<String> group : triggers) {
        if (group.stream().noneMatch(words::contains)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Up to five words between two parts of a phrase. */
  static final String GAP = "(?:\\W+[\\w']+){0,5}?\\W+";

  /** Every rule, in the order they are run: the override family first. */
  static final List<Rule> ALL =
      Stream.concat(OverrideRules.ALL.stream(), ExposureRules.ALL.stream()).toList();

  private InjectionRules() {}

  /**
   * A rule; its first trigger group is read from the regex ({@link RuleTriggers#leadingWords}),
   * {@code needed} (words of which the text must hold one for the regex to match) is a second.
   */
  static Rule rule(String id, double weight, String regex, String... needed) {
    List<List<String>> triggers = new ArrayList<>();
    List<String> leading = RuleTriggers.leadingWords(regex);
    if (!leading.isEmpty()) {
      triggers.add(leading);
    }
    if (needed.length > 0) {
      triggers.add(List.of(needed));
    }
    return new Rule(id, weight, Pattern.compile(regex), List.copyOf(triggers));
  }
}
