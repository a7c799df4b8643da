package io.elavira.vector.chroma;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.elavira.vector.stores.VectorStoreException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server errors: reads are asked again, writes are not (WireMock, Chroma's error body). */
class ChromaClientTest {
  private static final String QUERY = "/api/v2/tenants/t/databases/d/collections/c/query";
  private static final String UPSERT = "/api/v2/tenants/t/databases/d/collections/c/upsert";

  /** What Chroma 1.0 answers to a query racing the first flush of a collection's index. */
  private static final String NOTHING_ON_DISK =
      "{\"error\":\"InternalError\",\"message\":\"Error executing plan: Internal error: Error"
          + " creating hnsw segment reader: Nothing found on disk\"}";

  private WireMockServer server;
  private ChromaClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    client =
        new ChromaClient(new OkHttpClient(), HttpUrl.get(server.baseUrl()), new ObjectMapper());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aQueryAnsweredWithAServerErrorIsAskedAgainAndItsAnswerReturned() {
    server.stubFor(
        post(urlPathEqualTo(QUERY))
            .inScenario("flush")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody(NOTHING_ON_DISK))
            .willSetStateTo("flushed"));
    server.stubFor(
        post(urlPathEqualTo(QUERY))
            .inScenario("flush")
            .whenScenarioStateIs("flushed")
            .willReturn(aResponse().withStatus(200).withBody("{\"ids\":[[\"r1\"]]}")));

    var answer =
        client.read(
            Map.of("n_results", 1), "tenants", "t", "databases", "d", "collections", "c", "query");

    assertThat(answer.path("ids").path(0).path(0).asText()).isEqualTo("r1");
    server.verify(2, postRequestedFor(urlPathEqualTo(QUERY)));
  }

  @Test
  void aReadFailingEveryTimeSaysHowOftenItWasTriedAndWhatTheServerSaid() {
    server.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(aResponse().withStatus(500).withBody(NOTHING_ON_DISK)));

    assertThatThrownBy(
            () ->
                client.read(
                    Map.of(), "tenants", "t", "databases", "d", "collections", "c", "query"))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("answered 500 to POST " + QUERY)
        .hasMessageContaining("Nothing found on disk")
        .hasMessageEndingWith("(" + ChromaClient.READ_ATTEMPTS + " attempts)");
    server.verify(ChromaClient.READ_ATTEMPTS, postRequestedFor(urlPathEqualTo(QUERY)));
  }

  @Test
  void aWriteAnsweredWithAServerErrorIsNotSentAgain() {
    server.stubFor(
        post(urlPathEqualTo(UPSERT))
            .willReturn(aResponse().withStatus(500).withBody(NOTHING_ON_DISK)));

    assertThatThrownBy(
            () ->
                client.post(
                    Map.of(), "tenants", "t", "databases", "d", "collections", "c", "upsert"))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("answered 500");
    server.verify(1, postRequestedFor(urlPathEqualTo(UPSERT)));
  }

  @Test
  void aClientErrorIsNotAskedAgain() {
    server.stubFor(
        post(urlPathEqualTo(QUERY))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"error\":\"InvalidArgumentError\",\"message\":\"bad where\"}")));

    assertThatThrownBy(
            () ->
                client.read(
                    Map.of(), "tenants", "t", "databases", "d", "collections", "c", "query"))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("answered 400")
        .hasMessageContaining("bad where");
    server.verify(1, postRequestedFor(urlPathEqualTo(QUERY)));
  }
}
