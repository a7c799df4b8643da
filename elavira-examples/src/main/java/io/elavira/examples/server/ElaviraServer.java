package io.elavira.examples.server;

import io.elavira.ElaviraAgent;
import io.elavira.agent.AgentComponents;
import io.elavira.document.DocumentIndexer;
import io.elavira.ingest.IngestListener;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.fallback.LlmAgentComponents;
import io.elavira.store.ElaviraStore;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference server: an agent of a home behind the REST API described by {@code
 * /api/openapi.json} (docs/api-reference.md), on Javalin.
 *
 * <pre>{@code
 * try (ElaviraServer server = ElaviraServer.builder()
 *     .home(home).agent(agent).store(store).pipelines(pipelines).port(8080).start()) {
 *   ... // until shutdown
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#start()} creates the home's token signing key and the first
 * admin account when missing, then listens; {@link #close()} stops listening and waits for the
 * requests in flight. The agent, store and model passed in stay open: their owner closes them.
 * Several servers (processes) may share one home: they share accounts, tokens and data through the
 * home's database and key file.
 *
 * <p><b>Security.</b> Every route but login, refresh, health and the API document needs an access
 * token ({@code Authorization: Bearer}); admin routes need the admin role. Each user sees only the
 * conversations they started and the documents shared by every user or uploaded by themselves.
 * Requests are limited per user (per client address before login), bodies and uploads in size;
 * every response carries CSP, X-Frame-Options, nosniff and Referrer-Policy headers. No password,
 * token or key is logged.
 *
 * <p><b>Threading.</b> Thread-safe; requests run on Jetty's thread pool.
 */
public final class ElaviraServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ElaviraServer.class);

  /** Port when none is set. */
  public static final int DEFAULT_PORT = 8080;

  /** Address listened on when none is set: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Requests per minute per user (per client address for public routes). */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 100;

  /** Largest JSON body, in bytes. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  /** Largest uploaded file, in bytes. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

  /** Lifetime of an access token. */
  public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

  /** Lifetime of a refresh token. */
  public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(7);

  private final Javalin app;
  private final List<Route> routes;
  private final AgentDirectory agents;

  private ElaviraServer(Javalin app, List<Route> routes, AgentDirectory agents) {
    this.app = app;
    this.routes = routes;
    this.agents = agents;
  }

  /**
   * A new builder; {@code home}, {@code agent}, {@code store} and {@code pipelines} are required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The port listened on (the one chosen by the system when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** The routes served, for the documentation test. */
  List<Route> routes() {
    return routes;
  }

  /**
   * Stops listening, waits for the requests in flight, then closes the configured agents the server
   * opened (and their models). Idempotent.
   */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      agents.close();
    }
  }

  @Override
  public String toString() {
    return "ElaviraServer[port " + app.port() + "]";
  }

  /**
   * Configures and starts a server. Setting an option twice is an error. Not thread-safe; use once.
   */
  public static final class Builder {
    private @Nullable Path home;
    private @Nullable ElaviraAgent agent;
    private @Nullable ElaviraStore store;
    private @Nullable BiFunction<DocumentIndexer, IngestListener, IngestionPipeline> pipelines;
    private @Nullable LlmProvider llm;
    private @Nullable AgentComponents agentComponents;
    private @Nullable String host;
    private int port = -1;
    private int requestsPerMinute = -1;
    private long maxRequestBytes = -1;
    private long maxUploadBytes = -1;
    private @Nullable List<String> corsOrigins;
    private @Nullable Duration accessTokenTtl;
    private @Nullable Duration refreshTokenTtl;
    private @Nullable Clock clock;
    private @Nullable String adminPassword;
    private @Nullable PrintWriter notices;

    private Builder() {}

    /** The agent home: holds the token key ({@code server/}) and uploads ({@code uploads/}). */
    public Builder home(Path home) {
      requireUnset(this.home, "home");
      this.home = Objects.requireNonNull(home, "home").toAbsolutePath();
      return this;
    }

    /** The agent that answers and holds the documents. */
    public Builder agent(ElaviraAgent agent) {
      requireUnset(this.agent, "agent");
      this.agent = Objects.requireNonNull(agent, "agent");
      return this;
    }

    /** The home's store (the agent's): accounts, conversations, feedback, stats, audit log. */
    public Builder store(ElaviraStore store) {
      requireUnset(this.store, "store");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Builds the ingestion pipeline of an upload from the indexer to write to (the agent, as the
     * uploading user) and the progress listener; the CLI's {@code ingest} uses the same pipeline.
     */
    public Builder pipelines(
        BiFunction<DocumentIndexer, IngestListener, IngestionPipeline> pipelines) {
      requireUnset(this.pipelines, "pipelines");
      this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
      return this;
    }

    /** The agent's language model, for {@code /api/models}; none: answers are extractive. */
    public Builder llm(LlmProvider llm) {
      requireUnset(this.llm, "llm");
      this.llm = Objects.requireNonNull(llm, "llm");
      return this;
    }

    /**
     * Makes the models and indexes of the home's configured agents, which answer the requests
     * naming them; default {@link LlmAgentComponents} with its defaults (providers and embedding
     * models found on the class path, no lexical index).
     */
    public Builder agentComponents(AgentComponents agentComponents) {
      requireUnset(this.agentComponents, "agentComponents");
      this.agentComponents = Objects.requireNonNull(agentComponents, "agentComponents");
      return this;
    }

    /** The address to listen on; default {@value ElaviraServer#DEFAULT_HOST} (loopback only). */
    public Builder host(String host) {
      requireUnset(this.host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The port; 0 picks a free one; default {@value ElaviraServer#DEFAULT_PORT}. */
    public Builder port(int port) {
      requireUnset(this.port < 0 ? null : this.port, "port");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Requests per minute per user; default {@value ElaviraServer#DEFAULT_REQUESTS_PER_MINUTE}. */
    public Builder requestsPerMinute(int requestsPerMinute) {
      requireUnset(this.requestsPerMinute < 0 ? null : this.requestsPerMinute, "requestsPerMinute");
      if (requestsPerMinute < 1) {
        throw new IllegalArgumentException(
            "requestsPerMinute must be >= 1, got " + requestsPerMinute);
      }
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    /** Largest JSON body; default 1 MiB. */
    public Builder maxRequestBytes(long maxRequestBytes) {
      requireUnset(this.maxRequestBytes < 0 ? null : this.maxRequestBytes, "maxRequestBytes");
      this.maxRequestBytes = positive(maxRequestBytes, "maxRequestBytes");
      return this;
    }

    /** Largest uploaded file; default 20 MiB. */
    public Builder maxUploadBytes(long maxUploadBytes) {
      requireUnset(this.maxUploadBytes < 0 ? null : this.maxUploadBytes, "maxUploadBytes");
      this.maxUploadBytes = positive(maxUploadBytes, "maxUploadBytes");
      return this;
    }

    /** Origins allowed to call the API from a browser (CORS); default none (same origin only). */
    public Builder corsOrigins(List<String> corsOrigins) {
      requireUnset(this.corsOrigins, "corsOrigins");
      this.corsOrigins = List.copyOf(corsOrigins);
      return this;
    }

    /** Lifetime of access tokens; default 15 minutes. */
    public Builder accessTokenTtl(Duration ttl) {
      requireUnset(this.accessTokenTtl, "accessTokenTtl");
      this.accessTokenTtl = positive(ttl, "accessTokenTtl");
      return this;
    }

    /** Lifetime of refresh tokens; default 7 days. */
    public Builder refreshTokenTtl(Duration ttl) {
      requireUnset(this.refreshTokenTtl, "refreshTokenTtl");
      this.refreshTokenTtl = positive(ttl, "refreshTokenTtl");
      return this;
    }

    /** The clock of token times and stats periods (tests); default the system's UTC clock. */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The password of the {@code admin} account created on the first start (usually from {@code
     * ELAVIRA_ADMIN_PASSWORD}); unset, a random one is printed once on {@link #notices}.
     */
    public Builder adminPassword(String adminPassword) {
      requireUnset(this.adminPassword, "adminPassword");
      this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
      return this;
    }

    /** Where the first start prints a generated admin password; default standard error. */
    public Builder notices(PrintWriter notices) {
      requireUnset(this.notices, "notices");
      this.notices = Objects.requireNonNull(notices, "notices");
      return this;
    }

    /**
     * Creates the key and the first admin when missing, and starts listening.
     *
     * @throws IllegalStateException when a required option is missing
     * @throws io.elavira.ElaviraException when the key cannot be stored
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public ElaviraServer start() {
      Path h = require(home, "home");
      ElaviraAgent a = require(agent, "agent");
      ElaviraStore s = require(store, "store");
      var p = require(pipelines, "pipelines");
      Clock c = clock != null ? clock : Clock.systemUTC();
      SecureRandom random = new SecureRandom();
      Tokens tokens =
          new Tokens(
              SigningKey.loadOrCreate(h, random),
              c,
              accessTokenTtl != null ? accessTokenTtl : DEFAULT_ACCESS_TOKEN_TTL,
              refreshTokenTtl != null ? refreshTokenTtl : DEFAULT_REFRESH_TOKEN_TTL,
              s.accounts());
      Authentication authentication =
          new Authentication(s.accounts(), new Passwords(), tokens, s.audit());
      authentication.createFirstAdmin(
          adminPassword, notices != null ? notices : new PrintWriter(System.err, true), random);
      Http http = new Http();
      AgentDirectory agents =
          new AgentDirectory(
              a,
              s,
              http.mapper(),
              agentComponents != null ? agentComponents : LlmAgentComponents.builder().build());
      long upload = maxUploadBytes > 0 ? maxUploadBytes : DEFAULT_MAX_UPLOAD_BYTES;
      List<Route> routes = new ArrayList<>();
      routes.addAll(new AuthApi(http, authentication, s.accounts()).routes());
      routes.addAll(new ChatApi(http, agents, s).routes());
      routes.addAll(new DocumentApi(http, agents, h.resolve("uploads"), upload, p).routes());
      routes.addAll(new AdminApi(http, agents, s, llm, c).routes());
      RequestGuard guard =
          new RequestGuard(
              tokens,
              new RateLimits(
                  requestsPerMinute > 0 ? requestsPerMinute : DEFAULT_REQUESTS_PER_MINUTE));
      JavalinSetup setup =
          new JavalinSetup(
              http,
              guard,
              List.copyOf(routes),
              h,
              maxRequestBytes > 0 ? maxRequestBytes : DEFAULT_MAX_REQUEST_BYTES,
              upload,
              corsOrigins != null ? corsOrigins : List.of());
      Javalin app = Javalin.create(setup::configure);
      app.start(host != null ? host : DEFAULT_HOST, port >= 0 ? port : DEFAULT_PORT);
      LOG.info("Elavira server listening on port {}", app.port());
      return new ElaviraServer(app, List.copyOf(routes), agents);
    }

    private static <T> T require(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalStateException(
            name + " is required: call " + name + "(...) before start()");
      }
      return value;
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    private static long positive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
