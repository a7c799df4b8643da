package io.elavira.llm.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A WireMock transformer that answers embedding requests the way the real APIs shape them, with a
 * deterministic pseudo-random vector per text (the same text always gets the same vector; different
 * texts get nearly orthogonal ones). Shapes: Ollama's {@code /api/embed} ({@code embeddings}) and
 * OpenAI's {@code /v1/embeddings} ({@code data[].embedding}, also llama.cpp and Mistral).
 */
public final class EmbeddingStub implements ResponseDefinitionTransformerV2 {
  /** Use in {@code withTransformers(...)}. */
  public static final String NAME = "elavira-embeddings";

  /** The vectors' dimension. */
  public static final int DIMENSION = 48;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      JsonNode request = json.readTree(event.getRequest().getBodyAsString());
      JsonNode input = request.path("input");
      ArrayNode texts = json.createArrayNode();
      if (input.isArray()) {
        texts.addAll((ArrayNode) input);
      } else {
        texts.add(input.asText());
      }
      boolean ollama = event.getRequest().getUrl().startsWith("/api/");
      ObjectNode body = json.createObjectNode();
      body.put("model", request.path("model").asText());
      if (ollama) {
        ArrayNode embeddings = body.putArray("embeddings");
        texts.forEach(t -> embeddings.add(vector(t.asText())));
        body.put("prompt_eval_count", texts.size() * 3);
      } else {
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < texts.size(); i++) {
          ObjectNode item = data.addObject();
          item.put("object", "embedding");
          item.put("index", i);
          item.set("embedding", vector(texts.get(i).asText()));
        }
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", texts.size() * 3);
        usage.put("total_tokens", texts.size() * 3);
      }
      return new ResponseDefinitionBuilder()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(json.writeValueAsString(body))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ArrayNode vector(String text) {
    Random random = new Random(java.util.Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8)));
    ArrayNode v = json.createArrayNode();
    for (int i = 0; i < DIMENSION; i++) {
      v.add(random.nextGaussian());
    }
    return v;
  }
}
