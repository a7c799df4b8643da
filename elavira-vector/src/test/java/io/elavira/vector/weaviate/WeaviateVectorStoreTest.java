package io.elavira.vector.weaviate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.VectorStoreException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Weaviate wire protocol against stubs whose bodies follow Weaviate's OpenAPI description
 * (shared/data/specs/weaviate/schema.json): schema and tenant creation, batch writes with
 * per-object errors under HTTP 200, GraphQL nearVector with where filters and GraphQL errors, REST
 * errors as {@code {"error": [{"message"}]}}. The contract itself runs against a real server in
 * {@link WeaviateVectorStoreIT}.
 */
class WeaviateVectorStoreTest {
  private static final String KEY = "wv-secret-key-123";
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void createsTheClassWithoutVectorizerAndTheTenantWhenMissing() {
    stubMissingClassAndTenant();

    open();

    server.verify(
        postRequestedFor(urlEqualTo("/v1/schema"))
            .withRequestBody(matchingJsonPath("$.class", equalTo("Chunks")))
            .withRequestBody(matchingJsonPath("$.vectorizer", equalTo("none")))
            .withRequestBody(matchingJsonPath("$.vectorIndexConfig.distance", equalTo("cosine")))
            .withRequestBody(matchingJsonPath("$.multiTenancyConfig.enabled", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.properties[?(@.name == 'metaPairs')]")));
    server.verify(
        postRequestedFor(urlEqualTo("/v1/schema/Chunks/tenants"))
            .withRequestBody(matchingJsonPath("$[0].name", equalTo("alice"))));
  }

  @Test
  void leavesAnExistingClassAndTenantAlone() {
    stubExistingClassAndTenant();

    open();

    server.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/schema")));
    server.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/schema/Chunks/tenants")));
  }

  @Test
  void upsertSendsObjectsWithStableUuidsVectorsTenantAndMetadata() {
    stubExistingClassAndTenant();
    server.stubFor(
        post("/v1/batch/objects").willReturn(okJson("[" + batchItem("SUCCESS", null) + "]")));

    open()
        .upsert(
            List.of(new VectorRecord("doc#0", new float[] {1, 0, 0}, Map.of("agent_id", "a1"))));

    server.verify(
        postRequestedFor(urlEqualTo("/v1/batch/objects"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(
                matchingJsonPath(
                    "$.objects[0].id", equalTo(WeaviateVectorStore.uuid("doc#0").toString())))
            .withRequestBody(matchingJsonPath("$.objects[0].tenant", equalTo("alice")))
            .withRequestBody(matchingJsonPath("$.objects[0].vector[0]", equalTo("1.0")))
            .withRequestBody(
                matchingJsonPath("$.objects[0].properties.elaviraId", equalTo("doc#0")))
            .withRequestBody(
                matchingJsonPath(
                    "$.objects[0].properties.metaPairs[0]", equalTo("agent_id\u001fa1"))));
  }

  @Test
  void perObjectFailuresUnderHttp200FailTheUpsert() {
    stubExistingClassAndTenant();
    server.stubFor(
        post("/v1/batch/objects")
            .willReturn(
                okJson(
                    "["
                        + batchItem("SUCCESS", null)
                        + ","
                        + batchItem("FAILED", "vector lengths don't match: 384 vs 3")
                        + "]")));
    WeaviateVectorStore store = open();

    assertThatThrownBy(
            () ->
                store.upsert(
                    List.of(
                        new VectorRecord("a", new float[] {1, 0, 0}, Map.of()),
                        new VectorRecord("b", new float[] {0, 1, 0}, Map.of()))))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("refused 1 of 2")
        .hasMessageContaining("vector lengths don't match");
  }

  @Test
  void searchSendsNearVectorWithTheScopeFilterAndReturnsCosineScores() {
    stubExistingClassAndTenant();
    server.stubFor(
        post("/v1/graphql")
            .willReturn(
                okJson(
                    "{\"data\":{\"Get\":{\"Chunks\":["
                        + "{\"elaviraId\":\"b\",\"metadataJson\":\"{\\\"agent_id\\\":\\\"a1\\\"}\","
                        + "\"_additional\":{\"distance\":0.25}},"
                        + "{\"elaviraId\":\"a\",\"metadataJson\":\"{}\","
                        + "\"_additional\":{\"distance\":0.1}}]}}}")));
    Filter scope =
        Filter.and(
            Filter.eq("agent_id", "a1"),
            Filter.or(Filter.missing("owner_id"), Filter.eq("owner_id", "alice")));

    List<SearchHit> hits = open().search(SearchRequest.of(new float[] {1, 0, 0}, 5, scope));

    assertThat(hits).extracting(SearchHit::id).containsExactly("a", "b");
    assertThat(hits.get(0).score()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(hits.get(1).metadata()).containsEntry("agent_id", "a1");
    server.verify(
        postRequestedFor(urlEqualTo("/v1/graphql"))
            .withRequestBody(matchingJsonPath("$.query", containing("Get { Chunks(")))
            .withRequestBody(matchingJsonPath("$.query", containing("tenant: \"alice\"")))
            .withRequestBody(matchingJsonPath("$.query", containing("limit: 5")))
            .withRequestBody(
                matchingJsonPath("$.query", containing("nearVector: {vector: [1.0,0.0,0.0]}")))
            .withRequestBody(
                matchingJsonPath(
                    "$.query",
                    containing(
                        "where: {operator: And, operands: [{path: [\"metaPairs\"], operator:"
                            + " ContainsAny, valueText: [\"agent_id\\u001Fa1\"]}, {operator: Or,"
                            + " operands: [{path: [\"metaKeys\"], operator: ContainsNone,"
                            + " valueText: [\"owner_id\"]}"))));
  }

  @Test
  void graphQlErrorsUnderHttp200FailTheSearch() {
    stubExistingClassAndTenant();
    server.stubFor(
        post("/v1/graphql")
            .willReturn(
                okJson(
                    "{\"data\":{\"Get\":{\"Chunks\":null}},\"errors\":[{\"message\":"
                        + "\"tenant not found: \\\"alice\\\"\",\"locations\":[{\"line\":1,"
                        + "\"column\":9}],\"path\":[\"Get\",\"Chunks\"]}]}")));
    WeaviateVectorStore store = open();

    assertThatThrownBy(() -> store.search(SearchRequest.of(new float[] {1, 0, 0}, 5, Filter.all())))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("tenant not found");
  }

  @Test
  void restErrorsNameTheStatusAndMessageButNeverTheKey() {
    server.stubFor(
        get("/v1/schema/Chunks")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":[{\"message\":\"invalid api key\"}]}")));

    assertThatThrownBy(this::open)
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("invalid api key")
        .hasMessageContaining("check the API key")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void countsWithAnAggregateQuery() {
    stubExistingClassAndTenant();
    server.stubFor(
        post("/v1/graphql")
            .willReturn(
                okJson("{\"data\":{\"Aggregate\":{\"Chunks\":[{\"meta\":{\"count\":7}}]}}}")));

    assertThat(open().count(Filter.eq("agent_id", "a1"))).isEqualTo(7);
    server.verify(
        postRequestedFor(urlEqualTo("/v1/graphql"))
            .withRequestBody(
                matchingJsonPath("$.query", containing("Aggregate { Chunks(tenant:"))));
  }

  @Test
  void deleteByFilterRepeatsUntilTheServersLimitNoLongerCutsItShort() {
    stubExistingClassAndTenant();
    server.stubFor(
        delete(urlPathEqualTo("/v1/batch/objects"))
            .inScenario("rounds")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(deleteResults(3, 2)))
            .willSetStateTo("second"));
    server.stubFor(
        delete(urlPathEqualTo("/v1/batch/objects"))
            .inScenario("rounds")
            .whenScenarioStateIs("second")
            .willReturn(okJson(deleteResults(1, 1))));

    assertThat(open().delete(Filter.eq("document_id", "d1"))).isEqualTo(3);
    server.verify(
        exactly(2),
        com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlEqualTo("/v1/batch/objects?tenant=alice"))
            .withRequestBody(matchingJsonPath("$.match.class", equalTo("Chunks")))
            .withRequestBody(matchingJsonPath("$.match.where.operator", equalTo("ContainsAny"))));
  }

  @Test
  void rejectsClassNamesWeaviateWouldNot() {
    assertThatThrownBy(() -> WeaviateVectorStore.builder(server.baseUrl(), "chunks", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upper-case");
  }

  // ---- helpers ----

  private WeaviateVectorStore open() {
    return WeaviateVectorStore.builder(server.baseUrl(), "Chunks", 3)
        .tenant("alice")
        .apiKey(KEY)
        .build();
  }

  private void stubMissingClassAndTenant() {
    server.stubFor(get("/v1/schema/Chunks").willReturn(aResponse().withStatus(404)));
    server.stubFor(post("/v1/schema").willReturn(okJson("{\"class\":\"Chunks\"}")));
    server.stubFor(get("/v1/schema/Chunks/tenants/alice").willReturn(aResponse().withStatus(404)));
    server.stubFor(
        post("/v1/schema/Chunks/tenants")
            .willReturn(okJson("[{\"name\":\"alice\",\"activityStatus\":\"ACTIVE\"}]")));
  }

  private void stubExistingClassAndTenant() {
    server.stubFor(
        get("/v1/schema/Chunks")
            .willReturn(
                okJson("{\"class\":\"Chunks\",\"vectorizer\":\"none\",\"properties\":[]}")));
    server.stubFor(
        get("/v1/schema/Chunks/tenants/alice")
            .willReturn(okJson("{\"name\":\"alice\",\"activityStatus\":\"ACTIVE\"}")));
  }

  private static String batchItem(String status, String error) {
    return "{\"class\":\"Chunks\",\"id\":\"0d8a7c4e-3f5b-3c3e-9e5c-1b2a3c4d5e6f\",\"tenant\":\"alice\","
        + "\"properties\":{},\"result\":{\"status\":\""
        + status
        + "\""
        + (error == null ? "" : ",\"errors\":{\"error\":[{\"message\":\"" + error + "\"}]}")
        + "}}";
  }

  private static String deleteResults(int matches, int successful) {
    return "{\"match\":{\"class\":\"Chunks\"},\"output\":\"minimal\",\"dryRun\":false,"
        + "\"results\":{\"matches\":"
        + matches
        + ",\"limit\":2,\"successful\":"
        + successful
        + ",\"failed\":0}}";
  }
}
