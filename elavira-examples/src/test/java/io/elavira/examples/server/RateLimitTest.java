package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitTest {
  @TempDir Path home;

  @Test
  void aUserOverTheLimitGets429WithRetryAfterWhileAnotherUserIsServed() {
    try (ServerFixture server =
        new ServerFixture(
            home, b -> b.adminPassword(ServerFixture.ADMIN_PASSWORD).requestsPerMinute(5))) {
      String admin = server.adminToken(); // 1 login from this address
      server.post(
          "/api/users",
          admin,
          Map.of("username", "alice", "password", ServerFixture.PASSWORD)); // admin: 1
      String alice = server.login("alice", ServerFixture.PASSWORD).get("accessToken").asText();

      for (int i = 0; i < 5; i++) {
        assertThat(server.get("/api/conversations", alice).status()).isEqualTo(200);
      }
      var refused = server.get("/api/conversations", alice);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.json().at("/error/type").asText()).isEqualTo("rate_limited");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
      assertThat(server.get("/api/conversations", admin).status()).isEqualTo(200);
      assertThat(server.get("/api/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void loginAttemptsAreLimitedPerClientAddress() {
    try (ServerFixture server =
        new ServerFixture(
            home, b -> b.adminPassword(ServerFixture.ADMIN_PASSWORD).requestsPerMinute(3))) {
      for (int i = 0; i < 3; i++) {
        assertThat(
                server
                    .post(
                        "/api/auth/login",
                        null,
                        Map.of("username", "admin", "password", "guess" + i))
                    .status())
            .isEqualTo(401);
      }

      var refused =
          server.post(
              "/api/auth/login",
              null,
              Map.of("username", "admin", "password", ServerFixture.ADMIN_PASSWORD));

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isNotNull();
    }
  }
}
