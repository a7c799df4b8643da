package io.elavira.examples.cli;

import io.elavira.guard.SecretMasker;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviders;
import io.elavira.llm.claude.ClaudeProvider;
import io.elavira.llm.consensus.ConsensusProviders;
import io.elavira.llm.fallback.FallbackChains;
import io.elavira.llm.llamacpp.LlamaCppProvider;
import io.elavira.llm.mistral.MistralProvider;
import io.elavira.llm.ollama.OllamaProvider;
import io.elavira.llm.openai.OpenAiProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The providers a command line names ({@code --llm a,b --llm-url U1,U2 --model m1,m2}), checked the
 * way a newcomer needs: an unknown name lists the known ones, a list of the wrong length says
 * which, a cloud provider without a model or without its key in the environment says what to set.
 * Keys are read from the environment only, never from the command line.
 *
 * @param entries one per provider, in the order given
 */
record ProviderChoice(List<Entry> entries) {

  /**
   * One provider of the chain.
   *
   * @param name the provider's name, e.g. "ollama"
   * @param url its server, or null for the provider's default
   * @param model its model, or null for the provider's default
   */
  record Entry(String name, @Nullable String url, @Nullable String model) {

    /** The server as shown in messages: the given URL (credentials masked) or the default. */
    String shownUrl() {
      String shown = url != null ? url : Objects.requireNonNull(DEFAULTS.get(name)).url();
      return SecretMasker.maskUrl(shown);
    }
  }

  /**
   * What the CLI knows of each provider shipped with Elavira.
   *
   * @param url the default base URL
   * @param keyEnv the variable holding the key for the provider's official host, or null
   * @param exampleModel a model to suggest when one is required, or null when the server has one
   */
  private record Known(String url, @Nullable String keyEnv, @Nullable String exampleModel) {}

  private static final Map<String, Known> DEFAULTS =
      Map.of(
          OllamaProvider.NAME, new Known(OllamaProvider.DEFAULT_BASE_URL, null, null),
          LlamaCppProvider.NAME, new Known(LlamaCppProvider.DEFAULT_BASE_URL, null, null),
          OpenAiProvider.NAME,
              new Known(OpenAiProvider.DEFAULT_BASE_URL, OpenAiProvider.API_KEY_ENV, "gpt-4o-mini"),
          MistralProvider.NAME,
              new Known(
                  MistralProvider.DEFAULT_BASE_URL,
                  MistralProvider.API_KEY_ENV,
                  "mistral-small-latest"),
          ClaudeProvider.NAME,
              new Known(
                  ClaudeProvider.DEFAULT_BASE_URL,
                  ClaudeProvider.API_KEY_ENV,
                  "claude-sonnet-4-5"));

  /** Copies the entries. */
  ProviderChoice {
    entries = List.copyOf(entries);
  }

  /**
   * Pairs the comma-separated lists: the i-th URL and model go to the i-th provider; one value
   * applies to all; an empty entry (or no list) means the provider's default. Ollama's defaults are
   * the CLI's: {@code ollamaUrl} (read only when needed: {@code OLLAMA_HOST} or the default) and
   * {@code ollamaModel}.
   *
   * @param names the {@code --llm} list, at least one name
   * @param urls the {@code --llm-url} list, possibly empty
   * @param models the {@code --model} list, possibly empty
   * @param known the provider names on the class path
   * @param env reads an environment variable (null when unset)
   * @param requireModel whether a cloud provider without a model is an error (true to answer; false
   *     to list models, where its example model fills in)
   * @throws IllegalArgumentException with a message for the user, naming the option to fix
   */
  static ProviderChoice of(
      List<String> names,
      List<String> urls,
      List<String> models,
      List<String> known,
      Supplier<String> ollamaUrl,
      String ollamaModel,
      Function<String, @Nullable String> env,
      boolean requireModel) {
    if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "--llm needs provider names separated by commas, e.g. --llm ollama,llamacpp (known: "
              + String.join(", ", known)
              + ").");
    }
    checkLength("--llm-url", "URL", urls, names.size());
    checkLength("--model", "model", models, names.size());
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip().toLowerCase(Locale.ROOT);
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "--llm "
                + names.get(i).strip()
                + ": no such provider; known: "
                + String.join(", ", known)
                + ".");
      }
      String url = pick(urls, i);
      String model = pick(models, i);
      if (OllamaProvider.NAME.equals(name)) {
        url = url != null ? url : ollamaUrl.get();
        model = model != null ? model : ollamaModel;
      }
      Known defaults = DEFAULTS.get(name);
      if (defaults != null) {
        if (model == null && defaults.exampleModel() != null) {
          if (requireModel) {
            throw new IllegalArgumentException(
                "--llm "
                    + name
                    + " needs a model: add --model "
                    + defaults.exampleModel()
                    + " (or another one; `elavira models --llm "
                    + name
                    + "` lists them).");
          }
          model = defaults.exampleModel();
        }
        String keyEnv = defaults.keyEnv();
        if (keyEnv != null && officialHost(url, defaults.url()) && env.apply(keyEnv) == null) {
          throw new IllegalArgumentException(
              "--llm "
                  + name
                  + " needs an API key: set the environment variable "
                  + keyEnv
                  + " (keys are read from the environment only, never from the command line).");
        }
      }
      entries.add(new Entry(name, url, model));
    }
    return new ProviderChoice(entries);
  }

  /** Splits a comma-separated option, keeping empty entries; an absent option is an empty list. */
  static List<String> split(@Nullable String option) {
    if (option == null) {
      return List.of();
    }
    return Arrays.stream(option.split(",", -1)).map(String::strip).toList();
  }

  /** Whether this is Ollama alone: the CLI's default, checked with a quick probe first. */
  boolean ollamaAlone() {
    return entries.size() == 1 && OllamaProvider.NAME.equals(entries.get(0).name());
  }

  /**
   * Builds the chain (a single provider is a chain of one) through {@link FallbackChains}; it owns
   * and closes its providers.
   *
   * @param env where API keys are read
   * @throws IllegalArgumentException or IllegalStateException when a provider cannot be made
   */
  LlmProvider chain(Function<String, @Nullable String> env) {
    List<String> names = entries.stream().map(Entry::name).toList();
    List<String> urls = entries.stream().map(e -> Objects.toString(e.url(), "")).toList();
    List<String> models = entries.stream().map(e -> Objects.toString(e.model(), "")).toList();
    return FallbackChains.fromLists(LlmProviders.load(), names, urls, models, env);
  }

  /**
   * Builds a consensus of these providers as workers ({@code --consensus STRATEGY --merger
   * PROVIDER[:MODEL]}) through {@link ConsensusProviders}; it owns and closes its providers.
   *
   * @throws IllegalArgumentException or IllegalStateException when the strategy, the merger or a
   *     provider does not fit
   */
  LlmProvider consensus(
      String strategy, @Nullable String merger, Function<String, @Nullable String> env) {
    List<String> names = entries.stream().map(Entry::name).toList();
    List<String> urls = entries.stream().map(e -> Objects.toString(e.url(), "")).toList();
    List<String> models = entries.stream().map(e -> Objects.toString(e.model(), "")).toList();
    return ConsensusProviders.fromLists(
        LlmProviders.load(), strategy, names, urls, models, merger, env);
  }

  /**
   * Builds one provider on its own (to list its models).
   *
   * @throws IllegalArgumentException or IllegalStateException when it cannot be made
   */
  static LlmProvider single(Entry entry, Function<String, @Nullable String> env) {
    return LlmProviders.load()
        .create(
            entry.name(),
            new LlmProviderConfig(
                entry.url(), entry.model(), null, Map.of("maxRetries", "0"), env));
  }

  /** "ollama, llamacpp". */
  String names() {
    return String.join(", ", entries.stream().map(Entry::name).toList());
  }

  private static void checkLength(String option, String what, List<String> values, int providers) {
    if (values.size() > 1 && values.size() != providers) {
      throw new IllegalArgumentException(
          option
              + " lists "
              + values.size()
              + " "
              + what
              + "s for "
              + providers
              + " provider"
              + (providers == 1 ? "" : "s")
              + " in --llm: give one per provider, in the same order, or one for all.");
    }
  }

  private static @Nullable String pick(List<String> values, int i) {
    if (values.isEmpty()) {
      return null;
    }
    String value = values.size() == 1 ? values.get(0) : values.get(i);
    return value.isBlank() ? null : value;
  }

  private static boolean officialHost(@Nullable String url, String official) {
    if (url == null) {
      return true;
    }
    try {
      String host = new URI(url).getHost();
      return host != null && host.equalsIgnoreCase(new URI(official).getHost());
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
