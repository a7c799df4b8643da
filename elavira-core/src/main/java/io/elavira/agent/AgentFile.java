package io.elavira.agent;

import io.elavira.guard.InjectionAction;
import io.elavira.retrieval.RetrievalMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a configuration file (JSON or YAML), bound by Jackson field by field: every field
 * here is one a file may hold, and a file holding any other is refused. Absent fields take the
 * {@link AgentSpec.Builder} defaults. Not API.
 */
@SuppressWarnings("NullAway.Init")
final class AgentFile {
  @Nullable String id;
  @Nullable String description;
  @Nullable String systemPrompt;
  @Nullable List<Provider> providers;
  @Nullable Consensus consensus;
  @Nullable String embeddingModel;
  @Nullable Retrieval retrieval;
  @Nullable Integer memoryMessages;
  @Nullable String guard;
  @Nullable Cache cache;
  @Nullable Boolean remoteAllowed;

  static final class Provider {
    @Nullable String name;
    @Nullable String model;
    @Nullable String baseUrl;
    @Nullable String apiKeyEnv;
    @Nullable Boolean remote;
  }

  static final class Consensus {
    @Nullable String strategy;
    @Nullable List<Provider> workers;
    @Nullable Provider merger;
    @Nullable Long workerTimeoutSeconds;
  }

  static final class Retrieval {
    @Nullable Integer topK;
    @Nullable Double minScore;
    @Nullable String mode;
    @Nullable Double weakMatchBelow;
  }

  static final class Cache {
    @Nullable Boolean enabled;
    @Nullable Long ttlSeconds;
  }

  /** The file's configuration, validated by the builder. */
  AgentSpec toSpec() {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("field 'id' is required");
    }
    AgentSpec.Builder b = AgentSpec.builder(id);
    if (description != null) {
      b.description(description);
    }
    if (systemPrompt != null) {
      b.systemPrompt(systemPrompt);
    }
    if (providers != null) {
      List<ProviderSpec> chain = new ArrayList<>();
      for (int i = 0; i < providers.size(); i++) {
        chain.add(provider(providers.get(i), "providers[" + i + "]"));
      }
      b.providers(chain);
    }
    if (consensus != null) {
      Consensus c = consensus;
      List<ProviderSpec> workers = new ArrayList<>();
      List<Provider> listed = c.workers == null ? List.of() : c.workers;
      for (int i = 0; i < listed.size(); i++) {
        workers.add(provider(listed.get(i), "consensus.workers[" + i + "]"));
      }
      b.consensus(
          new ConsensusSpec(
              c.strategy == null ? "merger" : c.strategy,
              workers,
              c.merger == null ? null : provider(c.merger, "consensus.merger"),
              c.workerTimeoutSeconds == null ? null : Duration.ofSeconds(c.workerTimeoutSeconds)));
    }
    if (embeddingModel != null) {
      b.embeddingModel(embeddingModel);
    }
    if (retrieval != null) {
      Retrieval r = retrieval;
      RetrievalSpec d = RetrievalSpec.DEFAULT;
      b.retrieval(
          new RetrievalSpec(
              r.topK == null ? d.topK() : r.topK,
              r.minScore == null ? d.minScore() : r.minScore,
              r.mode == null ? d.mode() : mode(r.mode),
              r.weakMatchBelow));
    }
    if (memoryMessages != null) {
      b.memoryMessages(memoryMessages);
    }
    if (guard != null) {
      b.guard(injectionAction(guard));
    }
    if (cache != null) {
      Cache c = cache;
      b.cache(
          new CachePolicy(
              c.enabled != null && c.enabled,
              c.ttlSeconds == null ? CachePolicy.DEFAULT_TTL : Duration.ofSeconds(c.ttlSeconds)));
    }
    if (remoteAllowed != null) {
      b.remoteAllowed(remoteAllowed);
    }
    return b.build();
  }

  /** The file holding every field of {@code spec}. */
  static AgentFile of(AgentSpec spec) {
    AgentFile f = new AgentFile();
    f.id = spec.id();
    f.description = spec.description();
    f.systemPrompt = spec.systemPrompt();
    f.providers = spec.providers().stream().map(AgentFile::provider).toList();
    ConsensusSpec c = spec.consensus();
    if (c != null) {
      Consensus fc = new Consensus();
      fc.strategy = c.strategy();
      fc.workers = c.workers().stream().map(AgentFile::provider).toList();
      ProviderSpec merger = c.merger();
      fc.merger = merger == null ? null : provider(merger);
      Duration timeout = c.workerTimeout();
      fc.workerTimeoutSeconds = timeout == null ? null : timeout.toSeconds();
      f.consensus = fc;
    }
    f.embeddingModel = spec.embeddingModel();
    Retrieval r = new Retrieval();
    r.topK = spec.retrieval().topK();
    r.minScore = spec.retrieval().minScore();
    r.mode = spec.retrieval().mode().name().toLowerCase(Locale.ROOT);
    r.weakMatchBelow = spec.retrieval().weakMatchBelow();
    f.retrieval = r;
    f.memoryMessages = spec.memoryMessages();
    f.guard = spec.guard().name().toLowerCase(java.util.Locale.ROOT);
    Cache cache = new Cache();
    cache.enabled = spec.cache().enabled();
    cache.ttlSeconds = spec.cache().ttl().toSeconds();
    f.cache = cache;
    f.remoteAllowed = spec.remoteAllowed();
    return f;
  }

  private static ProviderSpec provider(Provider p, String where) {
    if (p.name == null || p.name.isBlank()) {
      throw new IllegalArgumentException("field '" + where + ".name' is required");
    }
    String name = p.name.trim().toLowerCase(Locale.ROOT);
    boolean remote = p.remote != null ? p.remote : ProviderSpec.REMOTE_BY_DEFAULT.contains(name);
    return new ProviderSpec(name, p.model, p.baseUrl, p.apiKeyEnv, remote);
  }

  private static Provider provider(ProviderSpec p) {
    Provider f = new Provider();
    f.name = p.name();
    f.model = p.model();
    f.baseUrl = p.baseUrl();
    f.apiKeyEnv = p.apiKeyEnv();
    f.remote = p.remote();
    return f;
  }

  private static RetrievalMode mode(String mode) {
    for (RetrievalMode m : RetrievalMode.values()) {
      if (m.name().equalsIgnoreCase(mode.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "retrieval.mode must be one of dense, lexical, hybrid; got '" + mode + "'");
  }

  /**
   * The injection action written {@code name} in a configuration file ({@code block}, {@code flag}
   * or {@code allow}, any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  static InjectionAction injectionAction(String name) {
    for (InjectionAction a : InjectionAction.values()) {
      if (a.name().equalsIgnoreCase(name.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "guard must be one of block, flag, allow; got '" + name + "'");
  }
}
