package io.elavira.llm.fallback;

import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link FallbackProvider} from the parallel lists a command line gives ({@code --llm
 * ollama,llamacpp --llm-url U1,U2 --model m1,m2}): the i-th provider gets the i-th URL and model;
 * an empty URL list means each provider's default address, and one model (or one URL) applies to
 * all.
 */
public final class FallbackChains {
  private FallbackChains() {}

  /**
   * A chain that owns (and closes) the providers it made.
   *
   * @param names provider names as {@link LlmProviders} knows them, at least one
   * @param urls one per provider, one for all, or none for the defaults
   * @param models one per provider, one for all, or none for the providers' defaults
   * @param environment where API keys are read (each provider's usual variable)
   * @throws IllegalArgumentException naming the list whose length does not fit, or a provider that
   *     cannot be made (its factory's message)
   */
  public static FallbackProvider fromLists(
      LlmProviders registry,
      List<String> names,
      List<String> urls,
      List<String> models,
      Function<String, @Nullable String> environment) {
    Objects.requireNonNull(registry, "registry");
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one provider (--llm)");
    }
    check("--llm-url", urls, names.size());
    check("--model", models, names.size());
    List<LlmProvider> made = new ArrayList<>();
    try {
      FallbackProvider.Builder b = FallbackProvider.builder().closeProviders(true);
      // In a chain the next provider is the retry: a dead one must fail fast, not back off.
      Map<String, String> retries = names.size() > 1 ? Map.of("maxRetries", "0") : Map.of();
      for (int i = 0; i < names.size(); i++) {
        String url = pick(urls, i);
        String model = pick(models, i);
        LlmProvider p =
            registry.create(
                names.get(i).trim(), new LlmProviderConfig(url, model, null, retries, environment));
        made.add(p);
        b.add(p);
      }
      return b.build();
    } catch (RuntimeException e) {
      made.forEach(LlmProvider::close);
      throw e;
    }
  }

  private static void check(String option, List<String> values, int providers) {
    if (!values.isEmpty() && values.size() != 1 && values.size() != providers) {
      throw new IllegalArgumentException(
          option
              + " lists "
              + values.size()
              + " values for "
              + providers
              + " providers; give one per provider, in the same order, or one for all");
    }
  }

  private static @Nullable String pick(List<String> values, int i) {
    if (values.isEmpty()) {
      return null;
    }
    String v = (values.size() == 1 ? values.get(0) : values.get(i)).trim();
    return v.isEmpty() ? null : v;
  }
}
