package io.elavira.vector.chroma;

import static io.elavira.vector.stores.internal.BuilderChecks.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.stores.VectorStoreException;
import io.elavira.vector.stores.internal.VectorDimensions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A vector store backed by one collection of a Chroma server (REST API v2, Chroma 1.x), for agents
 * whose index should live in a separate process or be shared between machines.
 *
 * <p><b>Lifecycle.</b> {@link #builder(String, String, int)} creates the tenant, database and
 * collection when missing (cosine space) and resolves the collection's id; closing the store does
 * not touch the server and does not close an {@link OkHttpClient} the host passed in.
 *
 * <p><b>Search.</b> Filters are translated into Chroma's {@code where} and applied by the server
 * during its search. Scores are {@code 1 - cosine distance}, i.e. cosine similarities. Chroma's
 * HNSW is approximate: on large collections a few true neighbours may be missed. When a filtered
 * search returns fewer than {@code topK} records (Chroma 1.0 does so, e.g. for records with
 * identical vectors), the matching records are read back and ranked exactly, so a filter never
 * costs results.
 *
 * <p><b>Threading.</b> Thread-safe; each call is one or more HTTP requests. Batches larger than the
 * server's maximum are split, so a large upsert is not atomic. {@code delete(Filter)} and {@code
 * count(Filter)} list the matching ids first (Chroma has no filtered count). Metadata keys must not
 * start with {@code has:}, which the store uses to express {@link Filter#missing(String)}.
 */
public final class ChromaVectorStore implements VectorStore {
  private static final int PAGE = 1000;

  private final ChromaClient client;
  private final String tenant;
  private final String database;
  private final String collectionId;
  private final int dimension;
  private final int batchSize;
  private final String description;

  private ChromaVectorStore(Builder b, ChromaClient client) {
    this.client = client;
    this.tenant = b.tenant;
    this.database = b.database;
    this.dimension = b.dimension;
    if (!b.tenant.equals(Builder.DEFAULT_TENANT)) {
      client.post(name(b.tenant), true, "tenants");
    }
    if (!b.database.equals(Builder.DEFAULT_DATABASE)) {
      client.post(name(b.database), true, "tenants", b.tenant, "databases");
    }
    ObjectNode create = name(b.collection);
    create.putObject("metadata").put("hnsw:space", "cosine");
    create.put("get_or_create", true);
    JsonNode collection =
        client.post(create, "tenants", tenant, "databases", database, "collections");
    this.collectionId = collection.path("id").asText();
    int max = client.get("pre-flight-checks").path("max_batch_size").asInt(PAGE);
    this.batchSize = Math.max(1, Math.min(PAGE, max));
    this.description =
        "ChromaVectorStore[url="
            + client.base()
            + ", tenant="
            + tenant
            + ", database="
            + database
            + ", collection="
            + b.collection
            + "]";
  }

  /**
   * Starts configuring a store on {@code collection} of the Chroma server at {@code baseUrl}.
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:8000}
   * @param collection the collection's name; created when missing
   * @param dimension the embedding model's dimension
   * @return a builder
   * @throws IllegalArgumentException when the URL is not http(s) or the dimension is below 1
   */
  public static Builder builder(String baseUrl, String collection, int dimension) {
    return new Builder(baseUrl, collection, dimension);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a vector's dimension differs from the store's or a
   *     metadata key starts with {@code has:}
   * @throws VectorStoreException when the server refuses or cannot be reached
   */
  @Override
  public void upsert(List<VectorRecord> records) {
    Objects.requireNonNull(records, "records");
    for (VectorRecord r : records) {
      checkDimension(r.vector(), "vector of record " + r.id());
      for (String key : r.metadata().keySet()) {
        if (key.startsWith(ChromaWhere.MARKER)) {
          throw new IllegalArgumentException(
              "metadata key " + key + " of record " + r.id() + " starts with the reserved has:");
        }
      }
    }
    for (int from = 0; from < records.size(); from += batchSize) {
      List<VectorRecord> batch = records.subList(from, Math.min(records.size(), from + batchSize));
      ObjectNode body = client.mapperNode();
      ArrayNode ids = body.putArray("ids");
      ArrayNode embeddings = body.putArray("embeddings");
      ArrayNode metadatas = body.putArray("metadatas");
      for (VectorRecord r : batch) {
        ids.add(r.id());
        ArrayNode v = embeddings.addArray();
        for (float x : r.vector()) {
          v.add(x);
        }
        if (r.metadata().isEmpty()) {
          metadatas.addNull();
        } else {
          metadatas.add(ChromaWhere.metadata(r.metadata()));
        }
      }
      client.post(body, records("upsert"));
    }
  }

  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += batchSize) {
      ObjectNode body = client.mapperNode();
      ArrayNode array = body.putArray("ids");
      all.subList(from, Math.min(all.size(), from + batchSize)).forEach(array::add);
      client.post(body, records("delete"));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Lists the matching ids, then deletes them: records added meanwhile are not deleted.
   */
  @Override
  public int delete(Filter filter) {
    List<String> ids = ids(Objects.requireNonNull(filter, "filter"));
    delete(ids);
    return ids.size();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the query's dimension differs from the store's
   * @throws VectorStoreException when the server refuses or cannot be reached
   */
  @Override
  public List<SearchHit> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    checkDimension(request.vector(), "query vector");
    ObjectNode body = client.mapperNode();
    ArrayNode v = body.putArray("query_embeddings").addArray();
    for (float x : request.vector()) {
      v.add(x);
    }
    body.put("n_results", request.topK());
    ObjectNode where = ChromaWhere.where(request.filter());
    if (where != null) {
      body.set("where", where);
    }
    body.putArray("include").add("metadatas").add("distances");
    JsonNode response = client.read(body, records("query"));
    JsonNode ids = response.path("ids").path(0);
    List<SearchHit> hits;
    if (ids.size() < request.topK() && where != null) {
      // Chroma 1.0's filtered HNSW search can return fewer records than match (seen with
      // identical vectors): when it does, rank the matching records exactly instead.
      hits = exactSearch(request, where);
    } else {
      JsonNode distances = response.path("distances").path(0);
      JsonNode metadatas = response.path("metadatas").path(0);
      hits = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        double score = 1 - distances.path(i).asDouble();
        hits.add(new SearchHit(ids.get(i).asText(), score, ChromaWhere.read(metadatas.get(i))));
      }
    }
    hits.removeIf(h -> h.score() < request.minScore());
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id));
    return hits.size() > request.topK() ? List.copyOf(hits.subList(0, request.topK())) : hits;
  }

  /** Reads every matching record with its vector and ranks them by exact cosine. */
  private List<SearchHit> exactSearch(SearchRequest request, ObjectNode where) {
    float[] q = request.vector();
    double qNorm = Math.sqrt(dot(q, q));
    List<SearchHit> hits = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      ObjectNode body = client.mapperNode();
      body.set("where", where);
      body.putArray("include").add("metadatas").add("embeddings");
      body.put("limit", PAGE);
      body.put("offset", offset);
      JsonNode page = client.read(body, records("get"));
      JsonNode ids = page.path("ids");
      for (int i = 0; i < ids.size(); i++) {
        JsonNode e = page.path("embeddings").path(i);
        float[] v = new float[e.size()];
        for (int d = 0; d < v.length; d++) {
          v[d] = (float) e.get(d).asDouble();
        }
        double norm = Math.sqrt(dot(v, v)) * qNorm;
        double score = norm == 0 ? 0 : dot(q, v) / norm;
        hits.add(
            new SearchHit(
                ids.get(i).asText(), score, ChromaWhere.read(page.path("metadatas").get(i))));
      }
      if (ids.size() < PAGE) {
        return hits;
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Override
  public int count(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    if (filter instanceof Filter.All) {
      return client.get(records("count")).asInt();
    }
    return ids(filter).size();
  }

  /** Does nothing to the server; the HTTP client is the host's or is left to its idle timeout. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return description;
  }

  private List<String> ids(Filter filter) {
    List<String> out = new ArrayList<>();
    ObjectNode where = ChromaWhere.where(filter);
    for (int offset = 0; ; offset += PAGE) {
      ObjectNode body = client.mapperNode();
      if (where != null) {
        body.set("where", where);
      }
      body.putArray("include");
      body.put("limit", PAGE);
      body.put("offset", offset);
      JsonNode ids = client.read(body, records("get")).path("ids");
      ids.forEach(id -> out.add(id.asText()));
      if (ids.size() < PAGE) {
        return out;
      }
    }
  }

  private String[] records(String operation) {
    return new String[] {
      "tenants", tenant, "databases", database, "collections", collectionId, operation
    };
  }

  private ObjectNode name(String name) {
    ObjectNode o = client.mapperNode();
    o.put("name", name);
    return o;
  }

  private void checkDimension(float[] v, String what) {
    VectorDimensions.require(v, what, dimension, description);
  }

  /** Configures a {@link ChromaVectorStore}. Each option may be set once. Not thread-safe. */
  public static final class Builder {
    /** Chroma's own default tenant: exists on every server. */
    public static final String DEFAULT_TENANT = "default_tenant";

    /** Chroma's own default database: exists on every server. */
    public static final String DEFAULT_DATABASE = "default_database";

    /** Connect, read and write timeout of the client the store creates. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpUrl url;
    private final String collection;
    private final int dimension;
    private String tenant = DEFAULT_TENANT;
    private String database = DEFAULT_DATABASE;
    private boolean tenantSet;
    private boolean databaseSet;
    private @Nullable OkHttpClient http;
    private @Nullable Duration timeout;

    private Builder(String baseUrl, String collection, int dimension) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null) {
        throw new IllegalArgumentException(
            "Chroma URL " + baseUrl + " is not an http(s) URL, e.g. http://127.0.0.1:8000");
      }
      this.url = parsed;
      this.collection = requireName("collection", collection);
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      this.dimension = dimension;
    }

    /** The tenant (default {@value #DEFAULT_TENANT}); created when missing. */
    public Builder tenant(String tenant) {
      once(!tenantSet, "tenant", this.tenant);
      tenantSet = true;
      this.tenant = requireName("tenant", tenant);
      return this;
    }

    /**
     * The database within the tenant (default {@value #DEFAULT_DATABASE}); created when missing.
     */
    public Builder database(String database) {
      once(!databaseSet, "database", this.database);
      databaseSet = true;
      this.database = requireName("database", database);
      return this;
    }

    /** The host's HTTP client, shared (not closed by the store). Excludes {@link #timeout}. */
    public Builder httpClient(OkHttpClient client) {
      once(http == null, "httpClient", "a client");
      if (timeout != null) {
        throw new IllegalStateException("timeout was set: configure it on your own client");
      }
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Timeout of each request of the client the store creates (default 30 s). */
    public Builder timeout(Duration timeout) {
      once(this.timeout == null, "timeout", this.timeout);
      if (http != null) {
        throw new IllegalStateException("httpClient was set: configure the timeout on it");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Connects, creates what is missing and returns the store.
     *
     * @throws VectorStoreException when the server refuses or cannot be reached
     */
    public ChromaVectorStore build() {
      Duration t = timeout == null ? DEFAULT_TIMEOUT : timeout;
      OkHttpClient client =
          http != null
              ? http
              : new OkHttpClient.Builder().connectTimeout(t).readTimeout(t).writeTimeout(t).build();
      return new ChromaVectorStore(this, new ChromaClient(client, url, new ObjectMapper()));
    }

    private static String requireName(String what, String name) {
      Objects.requireNonNull(name, what);
      if (name.isBlank()) {
        throw new IllegalArgumentException(what + " name must not be blank");
      }
      return name;
    }
  }
}
