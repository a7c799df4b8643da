package io.elavira.llm.llamacpp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelContract;
import io.elavira.llm.stub.EmbeddingStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** llama.cpp's /v1/embeddings against a stub in OpenAI's shape. */
class LlamaCppEmbeddingModelTest extends EmbeddingModelContract {
  private static WireMockServer server;
  private static LlamaCppEmbeddingModel model;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().extensions(new EmbeddingStub()));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .willReturn(aResponse().withTransformers(EmbeddingStub.NAME)));
    model = LlamaCppEmbeddingModel.builder().baseUrl(server.baseUrl()).batchSize(8).build();
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
}
