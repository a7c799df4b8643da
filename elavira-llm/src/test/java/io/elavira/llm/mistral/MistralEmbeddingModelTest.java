package io.elavira.llm.mistral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

/** Mistral's /embeddings against a stub in its documented shape. */
class MistralEmbeddingModelTest extends EmbeddingModelContract {
  private static final String KEY = "mistral-embed-key-0123456789";
  private static WireMockServer server;
  private static MistralEmbeddingModel model;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().extensions(new EmbeddingStub()));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(aResponse().withTransformers(EmbeddingStub.NAME)));
    model =
        MistralEmbeddingModel.builder()
            .baseUrl(server.baseUrl() + "/v1")
            .model("mistral-embed")
            .apiKey(KEY)
            .batchSize(4)
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
  void namesTheModelAndNeverShowsTheKey() {
    assertThat(model.modelId()).isEqualTo("mistral:mistral-embed");
    assertThat(model.toString()).doesNotContain(KEY);
  }
}
