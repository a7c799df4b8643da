package io.elavira.llm.consensus;

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
 * Builds a {@link ConsensusProvider} from what a command line or config file gives ({@code
 * --consensus merger --llm ollama,mistral,openai --llm-url U1,U2,U3 --model m1,m2,m3 --merger
 * claude:claude-sonnet-4-5}): the i-th worker gets the i-th URL and model (one value applies to
 * all, none means each provider's default).
 */
public final class ConsensusProviders {
  private ConsensusProviders() {}

  /**
   * A consensus that owns (and closes) the providers it made, with the default worker timeout and
   * an owned executor.
   *
   * @param registry where provider names are resolved
   * @param strategy "merger", "majority", "weighted" or "best_of"
   * @param names worker provider names, at least one
   * @param urls one per worker, one for all, or none for the defaults
   * @param models one per worker, one for all, or none for the providers' defaults
   * @param merger {@code provider} or {@code provider:model} (split at the first ':'; the model may
   *     hold more): the merger model for "merger" (required), the scoring model for "best_of"
   *     (optional; without it the agreement rule picks); null for "majority" and "weighted". It
   *     uses the URL of the first worker of the same provider, else that provider's default.
   * @param environment where API keys are read (each provider's usual variable)
   * @throws IllegalArgumentException naming the option whose value does not fit (strategy, list
   *     lengths, a missing or unexpected merger) or a provider that cannot be made
   */
  public static ConsensusProvider fromLists(
      LlmProviders registry,
      String strategy,
      List<String> names,
      List<String> urls,
      List<String> models,
      @Nullable String merger,
      Function<String, @Nullable String> environment) {
    Objects.requireNonNull(registry, "registry");
    ConsensusStrategy s = ConsensusStrategy.fromName(strategy);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("name at least one consensus worker (--llm)");
    }
    check("--llm-url", urls, names.size());
    check("--model", models, names.size());
    String mergerSpec = merger == null || merger.isBlank() ? null : merger.trim();
    if (s == ConsensusStrategy.MERGER && mergerSpec == null) {
      throw new IllegalArgumentException(
          "--consensus merger needs --merger PROVIDER[:MODEL], the model that writes the answer");
    }
    if ((s == ConsensusStrategy.MAJORITY || s == ConsensusStrategy.WEIGHTED)
        && mergerSpec != null) {
      throw new IllegalArgumentException(
          "--merger is not used by --consensus " + s.configName() + "; remove it");
    }
    List<LlmProvider> made = new ArrayList<>();
    try {
      ConsensusProvider.Builder b = ConsensusProvider.builder().strategy(s).closeProviders(true);
      for (int i = 0; i < names.size(); i++) {
        LlmProvider p =
            create(registry, names.get(i).trim(), pick(urls, i), pick(models, i), environment);
        made.add(p);
        b.worker(p);
      }
      if (mergerSpec != null) {
        int colon = mergerSpec.indexOf(':');
        String name = (colon < 0 ? mergerSpec : mergerSpec.substring(0, colon)).trim();
        String model = colon < 0 ? null : emptyToNull(mergerSpec.substring(colon + 1).trim());
        String url = null;
        for (int i = 0; i < names.size() && url == null; i++) {
          if (names.get(i).trim().equals(name)) {
            url = pick(urls, i);
          }
        }
        LlmProvider m = create(registry, name, url, model, environment);
        made.add(m);
        if (s == ConsensusStrategy.MERGER) {
          b.merger(m);
        } else {
          b.scorer(m);
        }
      }
      return b.build();
    } catch (RuntimeException e) {
      made.forEach(LlmProvider::close);
      throw e;
    }
  }

  private static LlmProvider create(
      LlmProviders registry,
      String name,
      @Nullable String url,
      @Nullable String model,
      Function<String, @Nullable String> environment) {
    return registry.create(name, new LlmProviderConfig(url, model, null, Map.of(), environment));
  }

  private static void check(String option, List<String> values, int workers) {
    if (!values.isEmpty() && values.size() != 1 && values.size() != workers) {
      throw new IllegalArgumentException(
          option
              + " lists "
              + values.size()
              + " values for "
              + workers
              + " consensus workers; give one per worker, in the same order, or one for all");
    }
  }

  private static @Nullable String pick(List<String> values, int i) {
    if (values.isEmpty()) {
      return null;
    }
    return emptyToNull((values.size() == 1 ? values.get(0) : values.get(i)).trim());
  }

  private static @Nullable String emptyToNull(String v) {
    return v.isEmpty() ? null : v;
  }
}
