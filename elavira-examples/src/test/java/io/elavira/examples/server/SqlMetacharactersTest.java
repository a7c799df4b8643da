package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field a client controls, filled with SQL metacharacters: each request gets a 2xx or a 4xx
 * (never a 500), and the accounts, conversations and documents are intact afterwards.
 */
class SqlMetacharactersTest {
  @TempDir static Path home;
  private static ServerFixture server;
  private static String alice;
  private static String admin;

  static List<String> payloads() {
    return List.of(
        "' OR '1'='1",
        "'; DROP TABLE users; --",
        "\" OR \"\"=\"",
        "1; DELETE FROM conversations WHERE 1=1",
        "%' AND 1=0 UNION SELECT password_hash, role, id, created_at FROM users --",
        "\\'; UPDATE users SET role='admin' --",
        "x\u0000y");
  }

  @BeforeAll
  static void start() {
    server = new ServerFixture(home);
    admin = server.adminToken();
    alice = server.user("alice");
    server.post("/api/chat", alice, Map.of("message", "a first question"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void everyFieldTakesSqlMetacharactersAsPlainData(String evil) {
    // Jetty refuses an encoded NUL in a URL before any route runs (400, connection closed): NUL
    // goes in bodies only.
    String q = URLEncoder.encode(evil.replace("\u0000", ""), StandardCharsets.UTF_8);
    List<ServerFixture.Reply> replies =
        List.of(
            server.post("/api/auth/login", null, Map.of("username", evil, "password", evil)),
            server.post("/api/auth/refresh", null, Map.of("refreshToken", evil)),
            server.post("/api/chat", alice, Map.of("message", evil)),
            server.post("/api/chat", alice, Map.of("message", "hi", "conversationId", evil)),
            server.post("/api/chat", alice, Map.of("message", "hi", "agent", evil)),
            server.stream("/api/chat/stream", alice, Map.of("message", evil)),
            server.get("/api/conversations/" + q, alice),
            server.delete("/api/conversations/" + q, alice),
            server.get("/api/conversations?agent=" + q, alice),
            server.post(
                "/api/feedback", alice, Map.of("traceId", evil, "rating", evil, "comment", evil)),
            server.get("/api/documents?agent=" + q, alice),
            server.delete("/api/documents/" + q, alice),
            server.upload(
                alice, Map.of(evil + ".txt", evil.getBytes(StandardCharsets.UTF_8)), false),
            server.get("/api/agents/" + q, alice),
            server.get("/api/logs?user=" + q + "&action=" + q, admin),
            server.get("/api/stats?last=" + q, admin),
            server.post(
                "/api/users", admin, Map.of("username", evil, "password", evil, "role", evil)));

    assertThat(replies)
        .allSatisfy(
            r ->
                assertThat(r.status())
                    .as(r.raw().request().uri() + " " + r.body())
                    .isBetween(200, 499));
    assertThat(server.store.accounts().list())
        .extracting(a -> a.userId() + "/" + a.role())
        .containsExactlyInAnyOrder("admin/admin", "alice/user");
    assertThat(server.get("/api/conversations", alice).json().get("conversations")).isNotEmpty();
    assertThat(server.login("alice", ServerFixture.PASSWORD).get("accessToken").asText())
        .isNotBlank();
  }
}
