package io.elavira.examples.server;

import io.elavira.examples.cli.ErrorJson;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.store.AuditLog;
import io.elavira.store.ElaviraStore;
import io.elavira.store.UsageStats;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Usage statistics with their series over the period (admin), the audit log (admin), health,
 * models, the agents, and the OpenAPI document.
 */
final class AdminApi {
  /** Audit entries returned at most. */
  static final int MAX_LOG_ENTRIES = 1_000;

  /** The OpenAPI document, on the class path. */
  static final String OPENAPI_RESOURCE = "/io/elavira/examples/server/openapi.json";

  private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})([hd])");

  record LogView(
      String timestamp,
      String action,
      @Nullable String userId,
      @Nullable String agentId,
      @Nullable String details) {}

  record StatsView(
      String from,
      String to,
      long requests,
      double requestsPerMinute,
      long latencyP50Ms,
      long latencyP95Ms,
      long latencyP99Ms,
      List<UsageStats.ModelUsage> byModel,
      long extractiveAnswers,
      long guardRejections,
      long activeConversations,
      long cacheHits,
      long cacheMisses,
      double cacheHitRate,
      long fallbacks,
      long bucketSeconds,
      List<StatsSeries.Bucket> series) {}

  record ModelView(String provider, String model, boolean available, String detail) {}

  private final Http http;
  private final AgentDirectory agents;
  private final ElaviraStore store;
  private final @Nullable LlmProvider llm;
  private final Clock clock;
  private final StatsSeries series;
  private final byte[] openApi;

  AdminApi(
      Http http,
      AgentDirectory agents,
      ElaviraStore store,
      @Nullable LlmProvider llm,
      Clock clock) {
    this.http = http;
    this.agents = agents;
    this.store = store;
    this.llm = llm;
    this.clock = clock;
    this.series = new StatsSeries(store);
    this.openApi = openApiDocument();
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/health", Route.Access.PUBLIC, this::health),
        Route.get("/api/openapi.json", Route.Access.PUBLIC, this::openApi),
        Route.get("/api/models", Route.Access.USER, this::models),
        Route.get("/api/stats", Route.Access.ADMIN, this::stats),
        Route.get("/api/logs", Route.Access.ADMIN, this::logs),
        Route.get("/api/agents", Route.Access.USER, this::agents),
        Route.get("/api/agents/{id}", Route.Access.USER, this::agent),
        Route.post("/api/agents", Route.Access.ADMIN, this::createAgent),
        Route.put("/api/agents/{id}", Route.Access.ADMIN, this::replaceAgent),
        Route.delete("/api/agents/{id}", Route.Access.ADMIN, this::deleteAgent));
  }

  private void health(Context ctx) {
    http.json(ctx, 200, Map.of("status", "ok"));
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType(Http.JSON_TYPE).result(openApi);
  }

  private void models(Context ctx) {
    if (llm == null) {
      http.json(ctx, 200, Map.of("mode", "extractive", "models", List.of()));
      return;
    }
    Health health = llm.health();
    http.json(
        ctx,
        200,
        Map.of(
            "mode",
            "generated",
            "models",
            List.of(
                new ModelView(
                    llm.name(), llm.defaultModel(), health.available(), health.detail()))));
  }

  private void stats(Context ctx) {
    Duration period = period(ctx.queryParam("last"));
    Instant to = clock.instant();
    String agent = ctx.queryParam("agent");
    String agentId = agent == null ? null : agents.resolveId(agent);
    Instant from = to.minus(period);
    UsageStats u = store.usage(agentId, from, to);
    Duration bucket = StatsSeries.bucketLength(period);
    http.json(
        ctx,
        200,
        new StatsView(
            u.from().toString(),
            u.to().toString(),
            u.requests(),
            u.requestsPerMinute(),
            u.latencyP50Ms(),
            u.latencyP95Ms(),
            u.latencyP99Ms(),
            u.byModel(),
            u.extractiveAnswers(),
            u.guardRejections(),
            u.activeConversations(),
            u.cacheHits(),
            u.cacheMisses(),
            u.cacheHitRate(),
            u.fallbacks(),
            bucket.toSeconds(),
            series.buckets(agentId, from, to, bucket)));
  }

  private static Duration period(@Nullable String last) {
    if (last == null) {
      return Duration.ofDays(1);
    }
    Matcher m = PERIOD.matcher(last);
    if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "last is a number of hours or days, e.g. 24h or 7d.");
    }
    int n = Integer.parseInt(m.group(1));
    return m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
  }

  private void logs(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    String action = ctx.queryParam("action");
    String user = ctx.queryParam("user");
    List<LogView> entries =
        store.audit().recent(MAX_LOG_ENTRIES).stream()
            .filter(e -> action == null || e.action().equals(action))
            .filter(e -> user == null || Objects.equals(e.userId(), user))
            .limit(limit)
            .map(AdminApi::view)
            .toList();
    http.json(ctx, 200, Map.of("entries", entries));
  }

  private static int limit(@Nullable String text) {
    if (text == null) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LOG_ENTRIES) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        ErrorJson.INVALID_ARGUMENT, "limit is a number from 1 to " + MAX_LOG_ENTRIES + ".");
  }

  private static LogView view(AuditLog.Entry e) {
    return new LogView(e.timestamp().toString(), e.action(), e.userId(), e.agentId(), e.details());
  }

  private void agents(Context ctx) {
    http.json(ctx, 200, Map.of("agents", agents.list()));
  }

  private void agent(Context ctx) {
    http.json(
        ctx,
        200,
        agents.find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Agent")));
  }

  private void createAgent(Context ctx) {
    http.json(ctx, 201, agents.create(ctx.body(), ctx.contentType()));
  }

  private void replaceAgent(Context ctx) {
    http.json(ctx, 200, agents.replace(ctx.pathParam("id"), ctx.body(), ctx.contentType()));
  }

  private void deleteAgent(Context ctx) {
    String id = ctx.pathParam("id");
    int documents = agents.delete(id);
    http.json(ctx, 200, Map.of("deleted", id, "documents", documents));
  }

  private static byte[] openApiDocument() {
    try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
