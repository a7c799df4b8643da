package io.elavira.llm.openai;

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

/** OpenAI's /embeddings against a stub in its documented shape. */
class OpenAiEmbeddingModelTest extends EmbeddingModelContract {
  private static final String KEY = "sk-embed-0123456789abcdef";
  private static WireMockServer server;
  private static OpenAiEmbeddingModel model;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().extensions(new EmbeddingStub()));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(aResponse().withTransformers(EmbeddingStub.NAME)));
    model =
        OpenAiEmbeddingModel.builder()
            .baseUrl(server.baseUrl() + "/v1")
            .model("text-embedding-3-small")
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
    assertThat(model.modelId()).isEqualTo("openai:text-embedding-3-small");
    assertThat(model.toString()).doesNotContain(KEY);
  }
}
