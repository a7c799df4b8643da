package io.elavira.agent;

import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviders;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link AgentComponents#serviceLoaded()}. Immutable and thread-safe. */
final class ServiceLoadedComponents implements AgentComponents {
  private final EmbeddingModels embeddings;
  private final LlmProviders providers;

  ServiceLoadedComponents(EmbeddingModels embeddings, LlmProviders providers) {
    this.embeddings = embeddings;
    this.providers = providers;
  }

  @Override
  public void check(AgentSpec spec) {
    try {
      embeddings.factory(spec.embeddingModel());
      for (ProviderSpec p : spec.providers()) {
        providers.factory(p.name());
      }
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException("agent '" + spec.id() + "': " + e.getMessage(), e);
    }
    if (spec.consensus() != null) {
      throw new AgentConfigException(
          "agent '"
              + spec.id()
              + "': a consensus needs a host that builds it: give the registry elavira-llm's"
              + " LlmAgentComponents");
    }
    if (spec.localProviders().size() > 1 || spec.remoteProviders().size() > 1) {
      throw new AgentConfigException(
          "agent '"
              + spec.id()
              + "': a chain of several local or remote providers needs a host that builds it:"
              + " give the registry elavira-llm's LlmAgentComponents");
    }
    if (spec.retrieval().mode() != RetrievalMode.DENSE) {
      throw new AgentConfigException(
          "agent '"
              + spec.id()
              + "': retrieval mode "
              + spec.retrieval().mode()
              + " needs a lexical index (elavira-vector's LuceneLexicalIndex); give the registry"
              + " AgentComponents that make one, or use mode dense");
    }
  }

  @Override
  public EmbeddingModel embeddingModel(String name) {
    try {
      return embeddings.create(name);
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException(String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public @Nullable LlmProvider llm(List<ProviderSpec> chain, @Nullable ConsensusSpec consensus) {
    if (consensus != null || chain.size() > 1) {
      throw new AgentConfigException(
          "a consensus or a chain of several providers needs a host that builds it: give the"
              + " registry elavira-llm's LlmAgentComponents");
    }
    if (chain.isEmpty()) {
      return null;
    }
    try {
      return providers.create(chain.get(0).name(), AgentComponents.providerConfig(chain.get(0)));
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException(String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public @Nullable LexicalIndex lexicalIndex(String agentId) {
    return null;
  }
}
