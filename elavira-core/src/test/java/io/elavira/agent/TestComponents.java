package io.elavira.agent;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.retrieval.LexicalIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * In-test components: a bag-of-words embedding model that counts its calls, and language models
 * that record the system prompt of every request, answer with their name, and report the health the
 * test sets.
 */
final class TestComponents implements AgentComponents {
  static final String EMBEDDINGS = "words";
  static final Set<String> PROVIDERS = Set.of("local-a", "local-b", "openai");

  final WordEmbeddings embeddings = new WordEmbeddings();
  final List<RecordingLlm> made = new CopyOnWriteArrayList<>();
  final AtomicBoolean localHealthy = new AtomicBoolean(true);

  @Override
  public void check(AgentSpec spec) {
    if (!spec.embeddingModel().equals(EMBEDDINGS)) {
      throw new AgentConfigException("no embedding model named '" + spec.embeddingModel() + "'");
    }
    for (ProviderSpec p : spec.providers()) {
      if (!PROVIDERS.contains(p.name())) {
        throw new AgentConfigException("no LLM provider named '" + p.name() + "'");
      }
    }
  }

  @Override
  public EmbeddingModel embeddingModel(String name) {
    return embeddings;
  }

  @Override
  public @Nullable LlmProvider llm(
      List<ProviderSpec> providers, @Nullable ConsensusSpec consensus) {
    if (providers.isEmpty()) {
      return null;
    }
    ProviderSpec first = providers.get(0);
    RecordingLlm llm = new RecordingLlm(first.name(), first.remote() ? null : localHealthy);
    made.add(llm);
    return llm;
  }

  @Override
  public @Nullable LexicalIndex lexicalIndex(String agentId) {
    return null;
  }

  /** The models made with this name, oldest first. */
  List<RecordingLlm> made(String name) {
    return made.stream().filter(m -> m.name().equals(name)).toList();
  }

  static final class RecordingLlm implements LlmProvider {
    private final String name;
    private final @Nullable AtomicBoolean healthy;
    final List<String> systemPrompts = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();

    RecordingLlm(String name, @Nullable AtomicBoolean healthy) {
      this.name = name;
      this.healthy = healthy;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String defaultModel() {
      return name + "-model";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      if (closed.get()) {
        throw new IllegalStateException(name + " is closed");
      }
      systemPrompts.add(
          request.messages().stream()
              .filter(m -> m.role() == Role.SYSTEM)
              .map(ChatMessage::content)
              .findFirst()
              .orElse(""));
      return ChatResponse.of("answer by " + name, defaultModel(), new TokenUsage(3, 3), "stop");
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      ChatResponse response = chat(request);
      listener.onToken(response.text());
      return response;
    }

    @Override
    public Health health() {
      return healthy == null || healthy.get() ? Health.up("ok") : Health.down("connection refused");
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  /** Bag-of-words vectors; counts the texts embedded. */
  static final class WordEmbeddings implements EmbeddingModel {
    static final int DIMENSION = 128;
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public String modelId() {
      return "test-words";
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public List<float[]> embedAll(List<String> inputs) {
      texts.addAndGet(inputs.size());
      List<float[]> out = new ArrayList<>();
      for (String text : inputs) {
        float[] v = new float[DIMENSION];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (w.length() > 2) {
            v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
          }
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        if (norm == 0) {
          v[0] = 1;
        } else {
          for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
          }
        }
        out.add(v);
      }
      return out;
    }
  }
}
