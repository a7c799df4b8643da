package io.elavira.agent;

import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderConfig;
import io.elavira.llm.LlmProviders;
import io.elavira.retrieval.LexicalIndex;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes the components an {@link AgentSpec} names: its embedding model, its chains of language
 * models, its lexical index. The host supplies it to {@link AgentRegistry}, since core depends on
 * no provider module: {@link #serviceLoaded()} covers single providers and embedding models found
 * through {@link java.util.ServiceLoader}; a host with elavira-llm uses its {@code
 * io.elavira.llm.fallback.LlmAgentComponents}, which adds fallback chains, consensus and (given a
 * factory) lexical indexes (the {@code elavira} CLI and reference server do).
 *
 * <p>Implementations are thread-safe. What they return is owned by the registry, which closes it.
 */
public interface AgentComponents {

  /**
   * Checks, without loading anything heavy, that every component {@code spec} names can be made.
   *
   * @throws AgentConfigException naming the component and, when a module is missing, the Maven
   *     artifact to add
   */
  void check(AgentSpec spec);

  /**
   * Loads the embedding model named {@code name}.
   *
   * @throws AgentConfigException when no such model can be made
   */
  EmbeddingModel embeddingModel(String name);

  /**
   * The language model of a chain: the providers in fallback order, preceded by a consensus when
   * one is given.
   *
   * @param providers the chain, possibly empty
   * @param consensus several models answering first, or null
   * @return the model, or null when both are empty
   * @throws AgentConfigException when a provider cannot be made
   */
  @Nullable LlmProvider llm(List<ProviderSpec> providers, @Nullable ConsensusSpec consensus);

  /**
   * The lexical index of an agent, for {@code lexical} and {@code hybrid} retrieval.
   *
   * @return the index, or null when the host has none (such specs are then refused)
   */
  @Nullable LexicalIndex lexicalIndex(String agentId);

  /**
   * Components found through {@link java.util.ServiceLoader}: embedding models by {@link
   * EmbeddingModels}, one provider by {@link LlmProviders}. A chain of several providers, a
   * consensus or a lexical index needs a host that supplies them, and is refused with a message
   * saying so.
   */
  static AgentComponents serviceLoaded() {
    return serviceLoaded(EmbeddingModels.load(), LlmProviders.load());
  }

  /** As {@link #serviceLoaded()} over the given registries (tests). */
  static AgentComponents serviceLoaded(EmbeddingModels embeddings, LlmProviders providers) {
    return new ServiceLoadedComponents(embeddings, providers);
  }

  /** The provider configuration of one {@link ProviderSpec}, reading the process environment. */
  static LlmProviderConfig providerConfig(ProviderSpec provider) {
    return new LlmProviderConfig(
        provider.baseUrl(), provider.model(), provider.apiKeyEnv(), Map.of(), System::getenv);
  }
}
