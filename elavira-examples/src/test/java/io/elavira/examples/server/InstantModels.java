package io.elavira.examples.server;

import io.elavira.agent.AgentComponents;
import io.elavira.agent.AgentSpec;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelFactory;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.fallback.LlmAgentComponents;
import io.elavira.vector.lucene.LuceneLexicalIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Models that answer at once: a fixed streamed answer, and a hashed bag-of-words embedding. */
final class InstantModels {
  static final List<String> TOKENS = List.of("The ", "answer ", "is ", "42.");
  static final String ANSWER = String.join("", TOKENS);

  private InstantModels() {}

  static LlmProvider llm() {
    return new LlmProvider() {
      @Override
      public String name() {
        return "instant";
      }

      @Override
      public String defaultModel() {
        return "instant-1";
      }

      @Override
      public ChatResponse chat(ChatRequest request) {
        return ChatResponse.of(ANSWER, "instant-1", new TokenUsage(10, TOKENS.size()), "stop");
      }

      @Override
      public ChatResponse stream(
          ChatRequest request, TokenListener listener, Cancellation cancellation) {
        for (String token : TOKENS) {
          listener.onToken(token);
        }
        return chat(request);
      }

      @Override
      public Health health() {
        return Health.up("instant");
      }
    };
  }

  /**
   * The components of the home's configured agents: real providers (the configurations name
   * WireMock servers), the instant embedding model under the default embedding model's name, and a
   * Lucene lexical index per agent under {@code home}.
   */
  static AgentComponents components(Path home) {
    EmbeddingModelFactory instant =
        new EmbeddingModelFactory() {
          @Override
          public String name() {
            return AgentSpec.DEFAULT_EMBEDDING_MODEL;
          }

          @Override
          public EmbeddingModel create() {
            return embeddings();
          }
        };
    return LlmAgentComponents.builder()
        .embeddingModels(EmbeddingModels.of(List.of(instant)))
        .lexicalIndexes(id -> LuceneLexicalIndex.open(home.resolve("agent-indexes").resolve(id)))
        .environment(name -> null)
        .build();
  }

  static EmbeddingModel embeddings() {
    return new EmbeddingModel() {
      static final int DIMENSION = 64;

      @Override
      public String modelId() {
        return "test-bow-" + DIMENSION;
      }

      @Override
      public int dimension() {
        return DIMENSION;
      }

      @Override
      public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
          float[] v = new float[DIMENSION];
          for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
              v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
            }
          }
          double norm = 0;
          for (float x : v) {
            norm += x * x;
          }
          if (norm == 0) {
            v[0] = 1;
            norm = 1;
          }
          for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
          }
          vectors.add(v);
        }
        return vectors;
      }
    };
  }
}
