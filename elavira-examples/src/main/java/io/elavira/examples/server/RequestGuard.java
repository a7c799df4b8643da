package io.elavira.examples.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/**
 * What runs before every route's handler: authentication (a valid access token for USER and ADMIN
 * routes), the role check, and the rate limit (per user; per client address for public routes,
 * except the health check and the API document, which probes and tools call freely).
 */
final class RequestGuard {
  private static final String BEARER = "Bearer ";
  private static final Set<String> UNLIMITED = Set.of("/api/health", "/api/openapi.json");

  private final Tokens tokens;
  private final RateLimits limits;

  RequestGuard(Tokens tokens, RateLimits limits) {
    this.tokens = tokens;
    this.limits = limits;
  }

  Handler wrap(Route route) {
    return ctx -> {
      check(route, ctx);
      route.handler().handle(ctx);
    };
  }

  private void check(Route route, Context ctx) {
    if (route.access() == Route.Access.PUBLIC) {
      if (!UNLIMITED.contains(route.path())) {
        limits.acquire("address:" + ctx.ip());
      }
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith(BEARER)) {
      throw ApiException.unauthorized("Send an access token: Authorization: Bearer <token>.");
    }
    Principal principal = tokens.verifyAccess(header.substring(BEARER.length()).strip());
    if (route.access() == Route.Access.ADMIN && !principal.isAdmin()) {
      throw new ApiException(403, ApiException.FORBIDDEN, "This endpoint is for admins.");
    }
    limits.acquire("user:" + principal.userId());
    ctx.attribute(Http.PRINCIPAL, principal);
  }
}
