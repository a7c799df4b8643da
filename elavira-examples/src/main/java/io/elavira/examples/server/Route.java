package io.elavira.examples.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One endpoint of the API: method, path (OpenAPI's {@code {param}} syntax, which Javalin shares),
 * who may call it, and its handler. The server registers exactly these, and a test checks that the
 * OpenAPI document describes exactly these.
 *
 * @param method the HTTP method
 * @param path the path
 * @param access who may call it
 * @param handler what it does, after authentication and rate limiting
 */
record Route(HandlerType method, String path, Access access, Handler handler) {

  /** Who may call a route. */
  enum Access {
    /** Anyone; rate-limited by client address (except health and the API document). */
    PUBLIC,
    /** Any logged-in user; rate-limited per user. */
    USER,
    /** Users with the admin role; rate-limited per user. */
    ADMIN
  }

  static Route get(String path, Access access, Handler handler) {
    return new Route(HandlerType.GET, path, access, handler);
  }

  static Route post(String path, Access access, Handler handler) {
    return new Route(HandlerType.POST, path, access, handler);
  }

  static Route put(String path, Access access, Handler handler) {
    return new Route(HandlerType.PUT, path, access, handler);
  }

  static Route delete(String path, Access access, Handler handler) {
    return new Route(HandlerType.DELETE, path, access, handler);
  }
}
