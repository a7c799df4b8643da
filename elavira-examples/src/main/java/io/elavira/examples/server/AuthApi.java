package io.elavira.examples.server;

import io.elavira.store.AccountStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Log in, refresh, log out, the admin's account list and account creation, and a user's password
 * change.
 */
final class AuthApi {
  record LoginBody(@Nullable String username, @Nullable String password) {}

  record RefreshBody(@Nullable String refreshToken) {}

  record UserBody(@Nullable String username, @Nullable String password, @Nullable String role) {}

  record PasswordBody(@Nullable String currentPassword, @Nullable String newPassword) {}

  record UserView(String username, String role, String createdAt) {}

  private final Http http;
  private final Authentication authentication;
  private final AccountStore accounts;

  AuthApi(Http http, Authentication authentication, AccountStore accounts) {
    this.http = http;
    this.authentication = authentication;
    this.accounts = accounts;
  }

  List<Route> routes() {
    return List.of(
        Route.post("/api/auth/login", Route.Access.PUBLIC, this::login),
        Route.post("/api/auth/refresh", Route.Access.PUBLIC, this::refresh),
        Route.post("/api/auth/logout", Route.Access.USER, this::logout),
        Route.get("/api/users", Route.Access.ADMIN, this::users),
        Route.post("/api/users", Route.Access.ADMIN, this::createUser),
        Route.post("/api/users/me/password", Route.Access.USER, this::changePassword));
  }

  private void login(Context ctx) {
    LoginBody body = http.body(ctx, LoginBody.class);
    Tokens.Pair pair =
        authentication.login(
            Http.required(body.username(), "username"), Http.required(body.password(), "password"));
    http.json(ctx, 200, pair);
  }

  private void refresh(Context ctx) {
    RefreshBody body = http.body(ctx, RefreshBody.class);
    http.json(ctx, 200, authentication.refresh(Http.required(body.refreshToken(), "refreshToken")));
  }

  private void logout(Context ctx) {
    String body = ctx.body();
    String refreshToken = body.isBlank() ? null : http.body(ctx, RefreshBody.class).refreshToken();
    authentication.logout(Http.principal(ctx), refreshToken);
    ctx.status(204);
  }

  private void users(Context ctx) {
    List<UserView> users =
        accounts.list().stream()
            .map(a -> new UserView(a.userId(), a.role(), a.createdAt().toString()))
            .toList();
    http.json(ctx, 200, Map.of("users", users));
  }

  private void createUser(Context ctx) {
    UserBody body = http.body(ctx, UserBody.class);
    String username = Http.required(body.username(), "username");
    String role = body.role() == null ? Principal.USER : body.role();
    authentication.createAccount(username, Http.required(body.password(), "password"), role);
    http.json(ctx, 201, Map.of("username", username, "role", role));
  }

  private void changePassword(Context ctx) {
    PasswordBody body = http.body(ctx, PasswordBody.class);
    Tokens.Pair pair =
        authentication.changePassword(
            Http.principal(ctx),
            Http.required(body.currentPassword(), "currentPassword"),
            Http.required(body.newPassword(), "newPassword"));
    http.json(ctx, 200, pair);
  }
}
