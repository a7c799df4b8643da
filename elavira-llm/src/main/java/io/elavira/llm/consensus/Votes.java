package io.elavira.llm.consensus;

import io.elavira.llm.WorkerAnswer;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Voting and picking among workers' answers. Stateless. */
final class Votes {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Votes() {}

  /**
   * The form answers are compared in: accents, case, punctuation and whitespace folded (" Élysée,
   * Paris! " and "elysee paris" are the same vote).
   */
  static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.toLowerCase(Locale.ROOT);
    s = PUNCTUATION.matcher(s).replaceAll(" ");
    return SPACES.matcher(s).replaceAll(" ").trim();
  }

  /**
   * The index (in {@code answers}) of the answer with the most votes, each answered worker voting
   * with its weight; a tie goes to the answer given first in the configured worker order.
   *
   * @param answers every worker's outcome, in the configured order (at least one answered)
   * @param weights one per entry of {@code answers}
   */
  static int majority(List<WorkerAnswer> answers, double[] weights) {
    // Per normalised answer: [votes, index of the first worker that gave it].
    Map<String, double[]> tally = new LinkedHashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      String text = answers.get(i).text();
      if (text == null) {
        continue;
      }
      int index = i;
      tally.computeIfAbsent(normalise(text), k -> new double[] {0, index})[0] += weights[i];
    }
    int best = -1;
    double bestScore = -1;
    for (double[] entry : tally.values()) {
      // Entries keep first-seen order, so a strict '>' gives ties to the earlier worker.
      if (entry[0] > bestScore) {
        bestScore = entry[0];
        best = (int) entry[1];
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("no worker answered");
    }
    return best;
  }

  /**
   * The default best-of rule: the answer that agrees most with the others (sum of the Jaccard
   * similarity of its normalised words with each other answer); a tie goes to the earlier worker.
   */
  static double agreement(String candidate, List<String> all) {
    Set<String> mine = words(candidate);
    double sum = 0;
    boolean skippedSelf = false;
    for (String other : all) {
      if (!skippedSelf && other.equals(candidate)) {
        skippedSelf = true;
        continue;
      }
      Set<String> theirs = words(other);
      Set<String> union = new HashSet<>(mine);
      union.addAll(theirs);
      if (union.isEmpty()) {
        continue;
      }
      Set<String> both = new HashSet<>(mine);
      both.retainAll(theirs);
      sum += (double) both.size() / union.size();
    }
    return sum;
  }

  private static Set<String> words(String text) {
    String n = normalise(text);
    return n.isEmpty() ? Set.of() : new HashSet<>(List.of(n.split(" ")));
  }
}
