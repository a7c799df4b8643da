package io.elavira.examples.cli;

import io.elavira.agent.AgentComponents;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.ConsensusSpec;
import io.elavira.agent.ProviderSpec;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.fallback.LlmAgentComponents;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.vector.lucene.LuceneLexicalIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The components of the agents of one home, for the CLI and the server: elavira-llm's chains and
 * consensus ({@link LlmAgentComponents}), a Lucene lexical index per agent under {@code
 * HOME/index/agents/ID/lexical} (elavira-vector), and the embedding model the command already
 * loaded, shared rather than loaded a second time (other embedding models are loaded by name).
 * Offline ({@code --offline}), the configurations are checked as usual but no language model is
 * made: the agents answer extractively. Immutable and thread-safe.
 */
final class HomeComponents implements AgentComponents {
  /** Folder, under the home's index folder, of the registry agents' own indexes. */
  static final String AGENTS_FOLDER = "agents";

  private final LlmAgentComponents chains;
  private final EmbeddingModel shared;
  private final boolean offline;

  private HomeComponents(LlmAgentComponents chains, EmbeddingModel shared, boolean offline) {
    this.chains = chains;
    this.shared = shared;
    this.offline = offline;
  }

  /**
   * The components of {@code home}.
   *
   * @param shared the embedding model already loaded, owned by the caller; closing it through the
   *     registry must close nothing (the session's {@link CountingEmbeddings})
   * @param environment where providers read the variables named by {@code apiKeyEnv}
   * @param offline whether no language model may be called (extractive answers)
   */
  static HomeComponents of(
      Path home,
      EmbeddingModel shared,
      Function<String, @Nullable String> environment,
      boolean offline) {
    Path agents = home.resolve(IndexOptions.INDEX_FOLDER).resolve(AGENTS_FOLDER);
    return new HomeComponents(
        LlmAgentComponents.builder()
            .lexicalIndexes(id -> LuceneLexicalIndex.open(agents.resolve(id).resolve("lexical")))
            .environment(environment)
            .build(),
        shared,
        offline);
  }

  @Override
  public void check(AgentSpec spec) {
    chains.check(spec);
  }

  @Override
  public EmbeddingModel embeddingModel(String name) {
    return name.equals(shared.modelId()) ? shared : chains.embeddingModel(name);
  }

  @Override
  public @Nullable LlmProvider llm(
      List<ProviderSpec> providers, @Nullable ConsensusSpec consensus) {
    return offline ? null : chains.llm(providers, consensus);
  }

  @Override
  public @Nullable LexicalIndex lexicalIndex(String agentId) {
    return chains.lexicalIndex(agentId);
  }
}
