package io.elavira.examples.server;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javalin's configuration for the server: limits, multipart, CORS, the web UI's static files,
 * security headers, the routes behind the {@link RequestGuard}, and errors as JSON.
 */
final class JavalinSetup {
  private static final Logger LOG = LoggerFactory.getLogger(ElaviraServer.class);

  /** The content security policy of every response: same-origin scripts, styles and calls only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** The web UI, on the class path. */
  static final String WEB_ROOT = "/io/elavira/examples/server/web";

  private final Http http;
  private final RequestGuard guard;
  private final List<Route> routes;
  private final Path home;
  private final long maxRequestBytes;
  private final long upload;
  private final List<String> corsOrigins;

  JavalinSetup(
      Http http,
      RequestGuard guard,
      List<Route> routes,
      Path home,
      long maxRequestBytes,
      long upload,
      List<String> corsOrigins) {
    this.http = http;
    this.guard = guard;
    this.routes = routes;
    this.home = home;
    this.maxRequestBytes = maxRequestBytes;
    this.upload = upload;
    this.corsOrigins = corsOrigins;
  }

  void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.http.maxRequestSize = maxRequestBytes;
    config.jetty.multipartConfig.cacheDirectory(home.resolve("server/multipart").toString());
    config.jetty.multipartConfig.maxFileSize(upload, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxTotalRequestSize(
        upload * DocumentApi.MAX_FILES_PER_UPLOAD, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
    config.requestLogger.http(
        (ctx, ms) ->
            LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), ms));
    List<String> origins = corsOrigins;
    if (!origins.isEmpty()) {
      config.bundledPlugins.enableCors(
          cors ->
              cors.addRule(
                  rule -> {
                    for (String origin : origins) {
                      rule.allowHost(origin);
                    }
                    rule.exposeHeader("Retry-After");
                  }));
    }
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = WEB_ROOT;
          files.location = Location.CLASSPATH;
        });
    config.routes.before(JavalinSetup::securityHeaders);
    for (Route route : routes) {
      config.routes.addHttpHandler(route.method(), route.path(), guard.wrap(route));
    }
    config.routes.exception(HttpResponseException.class, (e, ctx) -> answerError(http, e, ctx));
    config.routes.exception(Exception.class, (e, ctx) -> answerError(http, e, ctx));
    Handler notFound =
        ctx -> {
          String type = ctx.res().getContentType();
          if (ctx.path().startsWith("/api/")
              && (type == null || !type.startsWith("application/json"))) {
            http.error(
                ctx, 404, ApiException.NOT_FOUND, "No such endpoint: see /api/openapi.json.");
          }
        };
    config.routes.error(404, notFound);
  }

  private static void answerError(Http http, Exception e, Context ctx) {
    ErrorMapping.Mapped mapped = ErrorMapping.map(e);
    if (ctx.res().isCommitted()) {
      return;
    }
    if (e instanceof ApiException api && api.retryAfter() != null) {
      ctx.header("Retry-After", Long.toString(api.retryAfter().toSeconds()));
    }
    if (mapped.status() == 413) {
      // The body was not read to its end: the connection cannot carry another request.
      ctx.header("Connection", "close");
    }
    if (mapped.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    http.error(ctx, mapped.status(), mapped.type(), mapped.message());
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }
}
