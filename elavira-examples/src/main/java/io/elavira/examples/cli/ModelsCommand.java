package io.elavira.examples.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ModelCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code elavira models [--llm a,b] [--llm-url U1,U2]}: asks each provider which models it serves
 * (Ollama's {@code /api/tags}, {@code /v1/models} of OpenAI-style servers...) and prints them, one
 * provider after the other. A provider that cannot be asked gets one line saying why; the others
 * are still listed.
 *
 * <p>Exit code 0 when at least one provider answered, 1 otherwise.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the models each configured provider serves (default: Ollama).",
      "With --json, one object: {providers: [{provider, url, models, error}]}."
    },
    footer = {
      "",
      "Examples:",
      "  elavira models",
      "  elavira models --llm ollama,llamacpp --llm-url http://127.0.0.1:11434,http://127.0.0.1:8080",
      "  OPENAI_API_KEY=... elavira models --llm openai"
    })
final class ModelsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Mixin(name = "json")
  private JsonOption json;

  /**
   * What one provider said.
   *
   * @param provider its name
   * @param url the server asked
   * @param models the models it serves, sorted; empty when it could not be asked
   * @param error why it could not be asked, or null
   */
  @JsonPropertyOrder({"provider", "url", "models", "error"})
  record Listing(String provider, String url, List<String> models, @Nullable String error) {}

  @Override
  public Integer call() throws Exception {
    if (llm.offline()) {
      throw new ParameterException(
          spec.commandLine(), "--offline does not apply to models: it asks the servers.");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProviderChoice choice = llm.choice(false);
    List<Listing> listings = new ArrayList<>();
    for (ProviderChoice.Entry entry : choice.entries()) {
      Listing listing = list(entry);
      listings.add(listing);
      if (!json.enabled()) {
        print(listing, out, err);
      }
    }
    if (json.enabled()) {
      out.println(JSON.writeValueAsString(Map.of("providers", listings)));
    }
    out.flush();
    err.flush();
    return listings.stream().anyMatch(l -> l.error() == null) ? 0 : 1;
  }

  private Listing list(ProviderChoice.Entry entry) {
    String url = entry.shownUrl();
    try (LlmProvider provider = ProviderChoice.single(entry, llm.environment())) {
      if (!(provider instanceof ModelCatalog catalog)) {
        return new Listing(entry.name(), url, List.of(), "this provider cannot list its models");
      }
      return new Listing(entry.name(), url, catalog.models(), null);
    } catch (RuntimeException e) {
      return new Listing(
          entry.name(),
          url,
          List.of(),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static void print(Listing listing, PrintWriter out, PrintWriter err) {
    if (listing.error() != null) {
      err.println(listing.provider() + " at " + listing.url() + ": " + listing.error());
      return;
    }
    out.println(
        listing.provider()
            + " at "
            + listing.url()
            + ": "
            + listing.models().size()
            + " model"
            + (listing.models().size() == 1 ? "" : "s"));
    for (String model : listing.models()) {
      out.println("  " + model);
    }
  }
}
