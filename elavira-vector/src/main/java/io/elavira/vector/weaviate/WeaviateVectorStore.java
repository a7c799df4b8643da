package io.elavira.vector.weaviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.VectorStoreException;
import io.elavira.vector.stores.internal.VectorDimensions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A vector store backed by one class (collection) of a Weaviate server, optionally one tenant of a
 * multi-tenant class: the store for users who already run Weaviate.
 *
 * <p><b>Lifecycle.</b> {@link #builder(String, String, int)} creates the class when missing
 * (vectorizer {@code none}, HNSW with cosine distance, multi-tenancy on when a tenant is given) and
 * the tenant when missing. Closing the store does not touch the server.
 *
 * <p><b>Writes.</b> Upserts go through {@code POST /v1/batch/objects}; Weaviate reports per-object
 * failures inside an HTTP 200 answer, and the store checks every item: any failure throws {@link
 * VectorStoreException} (objects of the batch that succeeded stay written). Object UUIDs are
 * derived from record ids (name-based UUIDs), so an upsert replaces.
 *
 * <p><b>Search.</b> GraphQL {@code Get} with {@code nearVector} and a {@code where} filter, which
 * Weaviate applies inside its HNSW search. Scores are {@code 1 - cosine distance}.
 *
 * <p><b>Threading.</b> Thread-safe; each call is one or more HTTP requests.
 */
public final class WeaviateVectorStore implements VectorStore {
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]{0,99}");
  private static final int BATCH = 100;

  private final WeaviateClient client;
  private final String className;
  private final @Nullable String tenant;
  private final int dimension;

  private WeaviateVectorStore(Builder b, WeaviateClient client) {
    this.client = client;
    this.className = b.className;
    this.tenant = b.tenant;
    this.dimension = b.dimension;
    if (client.getOrNull(client.url("schema", className)) == null) {
      client.send("POST", client.url("schema"), classDefinition());
    }
    if (tenant != null
        && client.getOrNull(client.url("schema", className, "tenants", tenant)) == null) {
      client.send(
          "POST", client.url("schema", className, "tenants"), List.of(Map.of("name", tenant)));
    }
  }

  /**
   * Starts configuring a store on class {@code className} of the Weaviate server at {@code
   * baseUrl}.
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:8080}
   * @param className a Weaviate class name: an upper-case letter, then letters, digits, underscores
   * @param dimension the embedding model's dimension
   * @return a builder
   * @throws IllegalArgumentException when the URL, class name or dimension is invalid
   */
  public static Builder builder(String baseUrl, String className, int dimension) {
    return new Builder(baseUrl, className, dimension);
  }

  private Map<String, Object> classDefinition() {
    Map<String, Object> exact =
        Map.of("dataType", List.of("text[]"), "tokenization", "field", "indexSearchable", false);
    Map<String, Object> def = new LinkedHashMap<>();
    def.put("class", className);
    def.put("vectorizer", "none");
    def.put("vectorIndexType", "hnsw");
    def.put("vectorIndexConfig", Map.of("distance", "cosine"));
    def.put("multiTenancyConfig", Map.of("enabled", tenant != null));
    def.put(
        "properties",
        List.of(
            Map.of(
                "name",
                WeaviateWhere.ID,
                "dataType",
                List.of("text"),
                "tokenization",
                "field",
                "indexSearchable",
                false),
            Map.of(
                "name",
                WeaviateWhere.METADATA,
                "dataType",
                List.of("text"),
                "indexFilterable",
                false,
                "indexSearchable",
                false),
            with(exact, "name", WeaviateWhere.PAIRS),
            with(exact, "name", WeaviateWhere.KEYS)));
    return def;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's
   * @throws VectorStoreException when the server refuses the batch or any object of it
   */
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    records.forEach(r -> checkDimension(r.vector(), "vector of record " + r.id()));
    for (int from = 0; from < records.size(); from += BATCH) {
      List<Map<String, Object>> objects = new ArrayList<>();
      for (VectorRecord r : records.subList(from, Math.min(records.size(), from + BATCH))) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("class", className);
        o.put("id", uuid(r.id()).toString());
        o.put("properties", WeaviateWhere.properties(r.id(), r.metadata()));
        o.put("vector", r.vector());
        if (tenant != null) {
          o.put("tenant", tenant);
        }
        objects.add(o);
      }
      JsonNode results =
          client.send("POST", client.url("batch", "objects"), Map.of("objects", objects));
      int failed = 0;
      String first = "";
      for (JsonNode item : results) {
        JsonNode errors = item.path("result").path("errors").path("error");
        if ("FAILED".equals(item.path("result").path("status").asText())
            || (errors.isArray() && !errors.isEmpty())) {
          if (failed++ == 0) {
            first = errors.path(0).path("message").asText();
          }
        }
      }
      if (failed > 0) {
        throw new VectorStoreException(
            "Weaviate at "
                + client.base()
                + " refused "
                + failed
                + " of "
                + objects.size()
                + " objects of a batch into class "
                + className
                + " (HTTP 200 with per-object errors); first error: "
                + first);
      }
    }
  }

  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += BATCH) {
      deleteWhere(
          Map.of(
              "path", List.of(WeaviateWhere.ID),
              "operator", "ContainsAny",
              "valueTextArray", all.subList(from, Math.min(all.size(), from + BATCH))));
    }
  }

  @Override
  public int delete(Filter filter) {
    return deleteWhere(WeaviateWhere.rest(Objects.requireNonNull(filter, "filter")));
  }

  /** Deletes in rounds: one batch delete removes at most the server's QUERY_MAXIMUM_RESULTS. */
  private int deleteWhere(Map<String, Object> where) {
    HttpUrl url = client.url("batch", "objects");
    if (tenant != null) {
      url = url.newBuilder().addQueryParameter("tenant", tenant).build();
    }
    int deleted = 0;
    while (true) {
      JsonNode results =
          client
              .send(
                  "DELETE",
                  url,
                  Map.of("match", Map.of("class", className, "where", where), "output", "minimal"))
              .path("results");
      int successful = results.path("successful").asInt();
      deleted += successful;
      if (successful == 0 || results.path("matches").asInt() <= successful) {
        return deleted;
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   * @throws VectorStoreException when the server refuses or answers with GraphQL errors
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    checkDimension(request.vector(), "query vector");
    List<String> args = arguments(request.filter());
    args.add("limit: " + request.topK());
    args.add("nearVector: {vector: " + WeaviateWhere.literal(request.vector()) + "}");
    String query =
        "{ Get { "
            + className
            + "("
            + String.join(", ", args)
            + ") { "
            + WeaviateWhere.ID
            + " "
            + WeaviateWhere.METADATA
            + " _additional { distance } } } }";
    JsonNode rows = client.graphQl(query).path("Get").path(className);
    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode row : rows) {
      double score = 1 - row.path("_additional").path("distance").asDouble();
      if (score >= request.minScore()) {
        hits.add(
            new SearchHit(
                row.path(WeaviateWhere.ID).asText(),
                score,
                metadata(row.path(WeaviateWhere.METADATA).asText("{}"))));
      }
    }
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id));
    return hits;
  }

  @Override
  public int count(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    List<String> args = arguments(filter);
    String query =
        "{ Aggregate { "
            + className
            + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")")
            + " { meta { count } } } }";
    JsonNode rows = client.graphQl(query).path("Aggregate").path(className);
    return rows.path(0).path("meta").path("count").asInt();
  }

  /** Does nothing to the server. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "WeaviateVectorStore[url="
        + client.base()
        + ", class="
        + className
        + (tenant == null ? "" : ", tenant=" + tenant)
        + "]";
  }

  /** The tenant and where arguments of a GraphQL query. */
  private List<String> arguments(Filter filter) {
    List<String> args = new ArrayList<>();
    if (tenant != null) {
      args.add("tenant: " + WeaviateWhere.literal(tenant));
    }
    if (!(filter instanceof Filter.All)) {
      args.add("where: " + WeaviateWhere.graphQl(filter));
    }
    return args;
  }

  private Map<String, String> metadata(String json) {
    try {
      Map<String, String> m =
          client.mapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
      return m;
    } catch (IOException e) {
      throw new VectorStoreException(
          "an object of class " + className + " holds metadata that is not a JSON object", e);
    }
  }

  private void checkDimension(float[] v, String what) {
    VectorDimensions.require(v, what, dimension, "class " + className);
  }

  /** The object UUID of a record id: stable, so writing the same id again replaces it. */
  static UUID uuid(String id) {
    return UUID.nameUUIDFromBytes(("elavira:" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    m.putAll(base);
    return m;
  }

  /** Configures a {@link WeaviateVectorStore}. Each option may be set once. Not thread-safe. */
  public static final class Builder {
    /** Connect, read and write timeout of the client the store creates. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpUrl url;
    private final String className;
    private final int dimension;
    private @Nullable String tenant;
    private @Nullable String apiKey;
    private @Nullable OkHttpClient http;

    private Builder(String baseUrl, String className, int dimension) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null) {
        throw new IllegalArgumentException(
            "Weaviate URL " + baseUrl + " is not an http(s) URL, e.g. http://127.0.0.1:8080");
      }
      this.url = parsed;
      Objects.requireNonNull(className, "className");
      if (!CLASS_NAME.matcher(className).matches()) {
        throw new IllegalArgumentException(
            "Weaviate class name "
                + className
                + " must start with an upper-case letter, then letters, digits or underscores");
      }
      this.className = className;
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      this.dimension = dimension;
    }

    /** The tenant of a multi-tenant class (e.g. one per agent or user); created when missing. */
    public Builder tenant(String tenant) {
      if (this.tenant != null) {
        throw new IllegalStateException("tenant was already set to " + this.tenant);
      }
      if (Objects.requireNonNull(tenant, "tenant").isBlank()) {
        throw new IllegalArgumentException("tenant must not be blank");
      }
      this.tenant = tenant;
      return this;
    }

    /** An API key, sent as a bearer token; never logged nor put in messages. */
    public Builder apiKey(String apiKey) {
      if (this.apiKey != null) {
        throw new IllegalStateException("apiKey was already set");
      }
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** The host's HTTP client, shared (not closed by the store). */
    public Builder httpClient(OkHttpClient client) {
      if (http != null) {
        throw new IllegalStateException("httpClient was already set");
      }
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Connects, creates the class and tenant when missing, and returns the store.
     *
     * @throws VectorStoreException when the server refuses or cannot be reached
     */
    public WeaviateVectorStore build() {
      OkHttpClient client =
          http != null
              ? http
              : new OkHttpClient.Builder()
                  .connectTimeout(DEFAULT_TIMEOUT)
                  .readTimeout(DEFAULT_TIMEOUT)
                  .writeTimeout(DEFAULT_TIMEOUT)
                  .build();
      return new WeaviateVectorStore(
          this, new WeaviateClient(client, url, apiKey, new ObjectMapper()));
    }
  }
}
