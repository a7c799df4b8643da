package io.elavira.llm.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelContract;
import io.elavira.llm.stub.EmbeddingStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ollama's /api/embed against a stub answering in its documented shape. */
class OllamaEmbeddingModelTest extends EmbeddingModelContract {
  private static WireMockServer server;
  private static OllamaEmbeddingModel model;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().extensions(new EmbeddingStub()));
    server.start();
    server.stubFor(
        post(urlEqualTo("/api/embed"))
            .willReturn(aResponse().withTransformers(EmbeddingStub.NAME)));
    model =
        OllamaEmbeddingModel.builder()
            .baseUrl(server.baseUrl())
            .model("all-minilm")
            .batchSize(16)
            .build();
  }

  @AfterAll
  static void stop() {
    model.close();
    server.stop();
  }

  @Override
  protected EmbeddingModel model() {
    return model;
  }

  @Test
  void learnsItsDimensionFromTheServerAndNamesItsModel() {
    assertThat(model.dimension()).isEqualTo(EmbeddingStub.DIMENSION);
    assertThat(model.modelId()).isEqualTo("ollama:all-minilm");
  }
}
