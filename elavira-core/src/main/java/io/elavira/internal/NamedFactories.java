package io.elavira.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Factories found by name (LLM providers, embedding models): the one lookup behind {@link
 * io.elavira.llm.LlmProviders} and {@link io.elavira.embed.EmbeddingModels}, with the error that
 * names the Maven artifact to add when a known component is missing. Immutable and thread-safe.
 *
 * @param <F> the factory type
 */
public final class NamedFactories<F> {
  private final List<F> factories;
  private final Function<F, String> name;
  private final String kind;
  private final Map<String, String> artifacts;

  /**
   * @param factories the factories found
   * @param name a factory's name
   * @param kind what the factories make, for messages ("LLM provider")
   * @param artifacts the Maven artifact shipping each known name
   */
  public NamedFactories(
      List<F> factories, Function<F, String> name, String kind, Map<String, String> artifacts) {
    this.factories = List.copyOf(factories);
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.artifacts = Map.copyOf(artifacts);
  }

  /** The names available, sorted. */
  public List<String> names() {
    TreeSet<String> names = new TreeSet<>();
    factories.forEach(f -> names.add(name.apply(f)));
    return List.copyOf(names);
  }

  /**
   * The factory named {@code wanted} (case-insensitive).
   *
   * @throws IllegalArgumentException when none has that name (naming the artifact to add when it is
   *     a known one), or when two do
   */
  public F find(String wanted) {
    Objects.requireNonNull(wanted, "name");
    String key = wanted.trim().toLowerCase(Locale.ROOT);
    List<F> matches = factories.stream().filter(f -> name.apply(f).equalsIgnoreCase(key)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "two "
              + kind
              + " factories are named '"
              + key
              + "' ("
              + matches.stream().map(f -> f.getClass().getName()).toList()
              + "); remove one of the jars from the class path");
    }
    String artifact = artifacts.get(key);
    throw new IllegalArgumentException(
        "no "
            + kind
            + " named '"
            + key
            + "' on the class path"
            + (artifact == null
                ? "; available: " + names()
                : "; add the Maven dependency " + artifact + " (available now: " + names() + ")"));
  }
}
