package io.elavira.agent;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.guard.InjectionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One agent's configuration: who it is, how it answers, and with what. Immutable; made with {@link
 * #builder(String)} or read from a file by {@link AgentSpecs}, stored by {@link AgentRegistry}.
 *
 * @param id the agent's id: the scope of its documents and conversations; letters, digits, {@code .
 *     _ -}, at most 64 characters, starting with a letter or digit
 * @param description what the agent is for; the {@link Router} matches questions against it
 * @param systemPrompt the instructions opening every prompt
 * @param providers the local and remote models, in fallback order (local ones are tried unless the
 *     {@link Router} routes to the remote ones); empty for extractive answers only, or when {@code
 *     consensus} answers alone
 * @param consensus several models answering together, tried before {@code providers}; or null
 * @param embeddingModel the embedding model's name, resolved by {@link AgentComponents}
 * @param retrieval how passages are retrieved
 * @param memoryMessages short-term memory window, in messages, 0 or more
 * @param guard what to do with a flagged request
 * @param cache the response cache policy
 * @param remoteAllowed whether remote models may be used (data leaves the host)
 */
public record AgentSpec(
    String id,
    String description,
    String systemPrompt,
    List<ProviderSpec> providers,
    @Nullable ConsensusSpec consensus,
    String embeddingModel,
    RetrievalSpec retrieval,
    int memoryMessages,
    InjectionAction guard,
    CachePolicy cache,
    boolean remoteAllowed) {

  /** The embedding model used when a configuration names none (elavira-llm's ONNX model). */
  public static final String DEFAULT_EMBEDDING_MODEL = "all-minilm-l6-v2-q";

  /** The guard policy used when a configuration names none. */
  public static final InjectionAction DEFAULT_GUARD = InjectionAction.BLOCK;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Validates the configuration as a whole.
   *
   * @throws IllegalArgumentException naming the field: a bad id, a blank prompt or model name, a
   *     negative window, or a remote model while {@code remoteAllowed} is false
   */
  public AgentSpec(
      String id,
      String description,
      String systemPrompt,
      List<ProviderSpec> providers,
      @Nullable ConsensusSpec consensus,
      String embeddingModel,
      RetrievalSpec retrieval,
      int memoryMessages,
      InjectionAction guard,
      CachePolicy cache,
      boolean remoteAllowed) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit;"
              + " got '"
              + id
              + "'");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if (systemPrompt.isBlank()) {
      throw new IllegalArgumentException("systemPrompt of agent '" + id + "' must not be blank");
    }
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    if (embeddingModel.isBlank()) {
      throw new IllegalArgumentException("embeddingModel of agent '" + id + "' must not be blank");
    }
    if (memoryMessages < 0) {
      throw new IllegalArgumentException(
          "memoryMessages of agent '" + id + "' must be >= 0, got " + memoryMessages);
    }
    this.id = id;
    this.description = description.strip();
    this.systemPrompt = systemPrompt;
    this.providers = List.copyOf(providers);
    this.consensus = consensus;
    this.embeddingModel = embeddingModel.strip();
    this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
    this.memoryMessages = memoryMessages;
    this.guard = Objects.requireNonNull(guard, "guard");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.remoteAllowed = remoteAllowed;
    if (!remoteAllowed) {
      for (int i = 0; i < this.providers.size(); i++) {
        if (this.providers.get(i).remote()) {
          throw new IllegalArgumentException(
              "providers["
                  + i
                  + "] '"
                  + this.providers.get(i).name()
                  + "' of agent '"
                  + id
                  + "' is remote but remoteAllowed is false: set remoteAllowed: true to let its"
                  + " data leave this machine, or remove the provider");
        }
      }
      if (consensus != null && consensus.anyRemote()) {
        throw new IllegalArgumentException(
            "the consensus of agent '"
                + id
                + "' has a remote worker or merger but remoteAllowed is false");
      }
    }
  }

  /** A builder with every default, for the agent {@code id}. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this configuration, to derive an updated one. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.description = description;
    b.systemPrompt = systemPrompt;
    b.providers = new ArrayList<>(providers);
    b.consensus = consensus;
    b.embeddingModel = embeddingModel;
    b.retrieval = retrieval;
    b.memoryMessages = memoryMessages;
    b.guard = guard;
    b.cache = cache;
    b.remoteAllowed = remoteAllowed;
    return b;
  }

  /** The local models of the chain, in order. */
  public List<ProviderSpec> localProviders() {
    return providers.stream().filter(p -> !p.remote()).toList();
  }

  /** The remote models of the chain, in order. */
  public List<ProviderSpec> remoteProviders() {
    return providers.stream().filter(ProviderSpec::remote).toList();
  }

  /** Does not print the system prompt. */
  @Override
  public String toString() {
    return "AgentSpec["
        + id
        + ", providers="
        + providers.stream().map(ProviderSpec::label).toList()
        + (consensus != null ? ", consensus=" + consensus.strategy() : "")
        + ", embeddingModel="
        + embeddingModel
        + ", remoteAllowed="
        + remoteAllowed
        + "]";
  }

  /**
   * Collects a configuration; every field but the id has a default ({@link
   * ElaviraAgentBuilder#DEFAULT_SYSTEM_PROMPT}, no provider, {@link #DEFAULT_EMBEDDING_MODEL},
   * {@link RetrievalSpec#DEFAULT}, {@link ElaviraAgentBuilder#DEFAULT_MEMORY_MESSAGES}, {@link
   * #DEFAULT_GUARD}, {@link CachePolicy#DISABLED}, remote not allowed). Setters replace; {@link
   * #build()} validates. Not thread-safe.
   */
  public static final class Builder {
    private final String id;
    private String description = "";
    private String systemPrompt = ElaviraAgentBuilder.DEFAULT_SYSTEM_PROMPT;
    private List<ProviderSpec> providers = new ArrayList<>();
    private @Nullable ConsensusSpec consensus;
    private String embeddingModel = DEFAULT_EMBEDDING_MODEL;
    private RetrievalSpec retrieval = RetrievalSpec.DEFAULT;
    private int memoryMessages = ElaviraAgentBuilder.DEFAULT_MEMORY_MESSAGES;
    private InjectionAction guard = DEFAULT_GUARD;
    private CachePolicy cache = CachePolicy.DISABLED;
    private boolean remoteAllowed;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** What the agent is for. Default empty (the router never picks it by description). */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The instructions opening every prompt. */
    public Builder systemPrompt(String systemPrompt) {
      this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
      return this;
    }

    /** The chain of models, in fallback order. Default none. */
    public Builder providers(List<ProviderSpec> providers) {
      this.providers = new ArrayList<>(providers);
      return this;
    }

    /** Appends one model to the chain. */
    public Builder provider(ProviderSpec provider) {
      this.providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** Several models answering together, or null for none. Default none. */
    public Builder consensus(@Nullable ConsensusSpec consensus) {
      this.consensus = consensus;
      return this;
    }

    /** The embedding model's name. */
    public Builder embeddingModel(String embeddingModel) {
      this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
      return this;
    }

    /** How passages are retrieved. */
    public Builder retrieval(RetrievalSpec retrieval) {
      this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
      return this;
    }

    /** Short-term memory window, in messages. */
    public Builder memoryMessages(int memoryMessages) {
      this.memoryMessages = memoryMessages;
      return this;
    }

    /** What to do with a flagged request. */
    public Builder guard(InjectionAction guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** The response cache policy. */
    public Builder cache(CachePolicy cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** Whether remote models may be used. */
    public Builder remoteAllowed(boolean remoteAllowed) {
      this.remoteAllowed = remoteAllowed;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException as the {@link AgentSpec} constructor does
     */
    public AgentSpec build() {
      return new AgentSpec(
          id,
          description,
          systemPrompt,
          providers,
          consensus,
          embeddingModel,
          retrieval,
          memoryMessages,
          guard,
          cache,
          remoteAllowed);
    }
  }
}
