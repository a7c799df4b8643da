package io.elavira.examples.server;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
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
