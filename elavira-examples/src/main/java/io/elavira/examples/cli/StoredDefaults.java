package io.elavira.examples.cli;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.ElaviraException;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.ProviderSpec;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.ElaviraStore;
import io.elavira.store.StoredAgent;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stored configuration of the CLI's {@code default} agent, applied to the agent the command
 * line builds: the agent answers with the command line's model, and takes its system prompt,
 * retrieval depth and memory settings from its configuration ({@code elavira agents update
 * default}), which must name the CLI's embedding model and may forbid remote models. Stateless.
 */
final class StoredDefaults {

  private StoredDefaults() {}

  /**
   * Applies the default agent's stored configuration, when it has one, to the builder: its system
   * prompt, retrieval and memory settings. The language model stays the one named by {@code --llm}.
   *
   * @throws ElaviraException when the configuration names an embedding model other than the CLI's,
   *     or forbids remote models and {@code --llm} names one on another machine
   */
  static void apply(
      ElaviraAgentBuilder builder,
      ElaviraStore store,
      String agentId,
      @Nullable LlmOptions llmOptions) {
    Optional<StoredAgent> stored = store.agents().find(agentId).filter(StoredAgent::configured);
    if (stored.isEmpty()) {
      return;
    }
    AgentSpec spec = AgentsCommand.parse(stored.get());
    if (!spec.embeddingModel().equals(OnnxEmbeddingModel.MINILM_MODEL_ID)) {
      throw new ElaviraException(
          "Agent '"
              + agentId
              + "' uses the embedding model '"
              + spec.embeddingModel()
              + "'; the elavira CLI runs "
              + OnnxEmbeddingModel.MINILM_MODEL_ID
              + " only: set embeddingModel: "
              + OnnxEmbeddingModel.MINILM_MODEL_ID
              + " (elavira agents update).");
    }
    if (!spec.remoteAllowed() && llmOptions != null && !llmOptions.offline()) {
      for (ProviderChoice.Entry entry : llmOptions.choice(true).entries()) {
        if (ProviderSpec.REMOTE_BY_DEFAULT.contains(entry.name()) && !onThisMachine(entry.url())) {
          throw new ElaviraException(
              "Agent '"
                  + agentId
                  + "' does not allow remote models (remoteAllowed: false), and --llm "
                  + entry.name()
                  + " would send its documents to "
                  + entry.shownUrl()
                  + ": use a local model (ollama, llamacpp), or set remoteAllowed: true in its"
                  + " configuration (elavira agents update).");
        }
      }
    }
    builder
        .systemPrompt(spec.systemPrompt())
        .topK(spec.retrieval().topK())
        .minScore(spec.retrieval().minScore())
        .memoryMessages(spec.memoryMessages());
    Double weakMatchBelow = spec.retrieval().weakMatchBelow();
    if (weakMatchBelow != null) {
      builder.weakMatchBelow(weakMatchBelow);
    }
  }

  /** Whether a provider URL points at this machine (an OpenAI-compatible local server). */
  private static boolean onThisMachine(@Nullable String url) {
    if (url == null) {
      return false; // the provider's official, remote host
    }
    try {
      String host = URI.create(url).getHost();
      return host != null
          && (host.equals("localhost")
              || host.equals("127.0.0.1")
              || host.equals("[::1]")
              || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
