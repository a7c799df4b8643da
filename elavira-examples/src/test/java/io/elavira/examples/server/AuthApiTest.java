package io.elavira.examples.server;

import static io.elavira.examples.server.ServerFixture.ADMIN_PASSWORD;
import static io.elavira.examples.server.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthApiTest {
  @TempDir Path home;
  private ServerFixture server;

  @BeforeEach
  void start() {
    server = new ServerFixture(home);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void loginReturnsAnAccessTokenARefreshTokenAndItsLifetime() {
    JsonNode login = server.login("admin", ADMIN_PASSWORD);

    assertThat(login.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("accessToken", "refreshToken", "expiresIn");
    assertThat(login.get("expiresIn").asLong()).isEqualTo(15 * 60);
    assertThat(server.get("/api/documents", login.get("accessToken").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void aWrongPasswordOrUnknownUserIsTheSame401() {
    var wrongPassword =
        server.post("/api/auth/login", null, Map.of("username", "admin", "password", "nope"));
    var unknownUser =
        server.post("/api/auth/login", null, Map.of("username", "nobody", "password", "nope"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.json().at("/error/type").asText()).isEqualTo("unauthorized");
    assertThat(wrongPassword.json().at("/error/message").asText())
        .isEqualTo(unknownUser.json().at("/error/message").asText());
  }

  @Test
  void aRequestWithoutATokenIsRefused() {
    var reply = server.get("/api/conversations", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("unauthorized");
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = server.adminToken();
    String[] parts = token.split("\\.");
    // Change the payload (claims the same user with another id) but keep the signature.
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"role\":\"admin\"", "\"role\":\"admin\",\"x\":1");
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    String unsigned =
        parts[0].replace(parts[0], "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0") + "." + parts[1] + ".";

    assertThat(server.get("/api/documents", tampered).status()).isEqualTo(401);
    assertThat(server.get("/api/documents", unsigned).status()).isEqualTo(401);
    assertThat(server.get("/api/documents", "not-a-jwt").status()).isEqualTo(401);
  }

  @Test
  void anExpiredAccessTokenIsRefusedAndTheRefreshTokenBuysANewPairOnce() {
    JsonNode login = server.login("admin", ADMIN_PASSWORD);
    String access = login.get("accessToken").asText();
    String refresh = login.get("refreshToken").asText();

    server.clock.advance(Duration.ofMinutes(16));

    var expired = server.get("/api/documents", access);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().at("/error/message").asText()).contains("expired");

    var renewed = server.post("/api/auth/refresh", null, Map.of("refreshToken", refresh));
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(server.get("/api/documents", renewed.json().get("accessToken").asText()).status())
        .isEqualTo(200);

    var reused = server.post("/api/auth/refresh", null, Map.of("refreshToken", refresh));
    assertThat(reused.status()).isEqualTo(401);
  }

  @Test
  void anAccessTokenIsNotARefreshTokenNorTheOtherWayRound() {
    JsonNode login = server.login("admin", ADMIN_PASSWORD);

    assertThat(
            server
                .post(
                    "/api/auth/refresh",
                    null,
                    Map.of("refreshToken", login.get("accessToken").asText()))
                .status())
        .isEqualTo(401);
    assertThat(server.get("/api/documents", login.get("refreshToken").asText()).status())
        .isEqualTo(401);
  }

  @Test
  void logoutRevokesTheAccessTokenAndTheRefreshToken() {
    JsonNode login = server.login("admin", ADMIN_PASSWORD);
    String access = login.get("accessToken").asText();

    var logout =
        server.post(
            "/api/auth/logout", access, Map.of("refreshToken", login.get("refreshToken").asText()));

    assertThat(logout.status()).isEqualTo(204);
    assertThat(server.get("/api/documents", access).status()).isEqualTo(401);
    assertThat(
            server
                .post(
                    "/api/auth/refresh",
                    null,
                    Map.of("refreshToken", login.get("refreshToken").asText()))
                .status())
        .isEqualTo(401);
  }

  @Test
  void aUserIsRefusedTheAdminRoutes() {
    String alice = server.user("alice");

    for (String path : new String[] {"/api/logs", "/api/stats", "/api/users"}) {
      var reply = server.get(path, alice);
      assertThat(reply.status()).as(path).isEqualTo(403);
      assertThat(reply.json().at("/error/type").asText()).isEqualTo("forbidden");
    }
    assertThat(
            server
                .post(
                    "/api/users",
                    alice,
                    Map.of("username", "mallory", "password", PASSWORD, "role", "admin"))
                .status())
        .isEqualTo(403);
    assertThat(server.get("/api/logs", server.adminToken()).status()).isEqualTo(200);
  }

  @Test
  void theFirstStartCreatesTheAdminAndAnUnsetPasswordIsPrintedOnceOnly(@TempDir Path other) {
    try (ServerFixture first = new ServerFixture(other, b -> b)) {
      String printed = first.notices.toString();
      assertThat(printed).contains("one-time password");
      String password = printed.replaceAll("(?s).*one-time password (\\S+) .*", "$1");
      assertThat(first.login("admin", password).get("accessToken").asText()).isNotBlank();
    }
    try (ServerFixture second = new ServerFixture(other, b -> b)) {
      assertThat(second.notices.toString()).isEmpty();
    }
  }

  @Test
  void theSigningKeyIsKeptInTheHomeForItsOwnerOnly() throws Exception {
    Path key = home.resolve(SigningKey.FILE);

    assertThat(key).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSecondServerOnTheSameHomeAcceptsTheFirstOnesTokens(@TempDir Path unused) {
    String token = server.adminToken();
    // A second process would open the same home; in one JVM, the key file is what they share.
    byte[] key = SigningKey.loadOrCreate(home, new java.security.SecureRandom());
    Tokens other =
        new Tokens(
            key, server.clock, Duration.ofMinutes(15), Duration.ofDays(1), server.store.accounts());

    assertThat(other.verifyAccess(token).userId()).isEqualTo("admin");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    var reply = server.get("/api/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(server.get("/api/nothing-here", null).header("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void noTokenOrPasswordReachesTheAuditLog() {
    JsonNode login = server.login("admin", ADMIN_PASSWORD);
    String token = login.get("accessToken").asText();
    server.user("alice");

    String logs = server.get("/api/logs?limit=1000", token).body();

    assertThat(logs).doesNotContain(ADMIN_PASSWORD, PASSWORD, token, "$2a$", "$2y$");
    assertThat(server.get("/api/users", token).body()).doesNotContain("$2a$", "$2y$");
  }
}
