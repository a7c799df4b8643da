package io.elavira.guard;

import java.util.List;
import java.util.Objects;

/**
 * What {@link InjectionDetector#scan} found in one text.
 *
 * @param score how strongly the text looks like an injection, in [0, 1]: the signals' weights
 *     combined as independent evidence ({@code 1 - Π(1 - w)})
 * @param rules the ids of the rules that matched, e.g. {@code "override.en"}, {@code
 *     "exfiltration.fr"}; their category is the part before the dot; never the matched text
 * @param suspicious whether {@code score} reaches the detector's threshold
 */
public record InjectionVerdict(double score, List<String> rules, boolean suspicious) {
  /** A verdict for text where nothing matched. */
  public static final InjectionVerdict CLEAN = new InjectionVerdict(0, List.of(), false);

  /** Validates and copies. */
  public InjectionVerdict {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /** The categories of the matched rules ({@code "override"}, {@code "role"}...), in order. */
  public List<String> categories() {
    return rules.stream()
        .map(r -> r.substring(0, r.indexOf('.') < 0 ? r.length() : r.indexOf('.')))
        .distinct()
        .toList();
  }
}
