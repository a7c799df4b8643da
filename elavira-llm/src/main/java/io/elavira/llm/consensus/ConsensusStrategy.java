package io.elavira.llm.consensus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** How a {@link ConsensusProvider} makes one answer from its workers' answers. */
public enum ConsensusStrategy {
  /** A merger model synthesises one answer from the workers' answers (the default). */
  MERGER("merger"),
  /**
   * The answer most workers gave, compared after folding case, whitespace, punctuation, accents.
   */
  MAJORITY("majority"),
  /** Like {@link #MAJORITY}, each worker's vote counting its weight ({@link WorkerWeights}). */
  WEIGHTED("weighted"),
  /** A scoring model, or a rule, picks the best single answer. */
  BEST_OF("best_of");

  private final String configName;

  ConsensusStrategy(String configName) {
    this.configName = configName;
  }

  /** The name written in configurations and on the command line, e.g. "best_of". */
  public String configName() {
    return configName;
  }

  /**
   * The strategy named {@code name} ("merger", "majority", "weighted", "best_of"; case and {@code
   * -}/{@code _} do not matter).
   *
   * @throws IllegalArgumentException naming the valid choices when {@code name} is none of them
   */
  public static ConsensusStrategy fromName(String name) {
    Objects.requireNonNull(name, "name");
    String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (ConsensusStrategy s : values()) {
      if (s.configName.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown consensus strategy '"
            + name
            + "'; choose one of "
            + Arrays.stream(values()).map(s -> s.configName).collect(Collectors.joining(", ")));
  }
}
