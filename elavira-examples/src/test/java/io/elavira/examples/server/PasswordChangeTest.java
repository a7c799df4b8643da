package io.elavira.examples.server;

import static io.elavira.examples.server.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.store.AuditLog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/users/me/password} on a real server. */
class PasswordChangeTest {
  private static final String PATH = "/api/users/me/password";
  private static final String NEW_PASSWORD = "a-brand-new-password";

  @TempDir Path home;
  private ServerFixture server;
  private JsonNode alice;

  @BeforeEach
  void start() {
    server = new ServerFixture(home);
    server.user("alice");
    alice = server.login("alice", PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String access(JsonNode pair) {
    return pair.get("accessToken").asText();
  }

  private ServerFixture.Reply change(String token, String current, String next) {
    return server.post(PATH, token, Map.of("currentPassword", current, "newPassword", next));
  }

  private int loginStatus(String user, String password) {
    return server
        .post("/api/auth/login", null, Map.of("username", user, "password", password))
        .status();
  }

  @Test
  void aChangedPasswordLogsInAndTheOldOneNoLonger() {
    var reply = change(access(alice), PASSWORD, NEW_PASSWORD);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("accessToken", "refreshToken", "expiresIn");
    assertThat(loginStatus("alice", PASSWORD)).isEqualTo(401);
    assertThat(loginStatus("alice", NEW_PASSWORD)).isEqualTo(200);
    assertThat(server.get("/api/conversations", access(reply.json())).status()).isEqualTo(200);
  }

  @Test
  void aChangeRevokesTheUsersRefreshTokensAndTheAccessTokenOfTheRequest() {
    JsonNode otherSession = server.login("alice", PASSWORD);

    assertThat(change(access(alice), PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);

    for (JsonNode session : new JsonNode[] {alice, otherSession}) {
      var refresh =
          server.post(
              "/api/auth/refresh",
              null,
              Map.of("refreshToken", session.get("refreshToken").asText()));
      assertThat(refresh.status()).isEqualTo(401);
    }
    assertThat(server.get("/api/conversations", access(alice)).status()).isEqualTo(401);
  }

  @Test
  void aWrongCurrentPasswordIs400AndChangesNothing() {
    var reply = change(access(alice), "not-the-password", NEW_PASSWORD);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("invalid_argument");
    assertThat(reply.json().at("/error/message").asText())
        .contains("current password is wrong")
        .doesNotContain("not-the-password");
    assertThat(loginStatus("alice", PASSWORD)).isEqualTo(200);
    assertThat(loginStatus("alice", NEW_PASSWORD)).isEqualTo(401);
    assertThat(server.store.audit().recent(10))
        .extracting(AuditLog.Entry::action, AuditLog.Entry::userId)
        .contains(org.assertj.core.groups.Tuple.tuple("account.password.refused", "alice"));
  }

  @Test
  void aTooShortOrUnchangedNewPasswordIs400() {
    var tooShort = change(access(alice), PASSWORD, "short");
    var tooLong = change(access(alice), PASSWORD, "x".repeat(73));
    var same = change(access(alice), PASSWORD, PASSWORD);

    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().at("/error/message").asText()).contains("at least 10 characters");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.json().at("/error/message").asText()).contains("differ");
    assertThat(loginStatus("alice", PASSWORD)).isEqualTo(200);
  }

  @Test
  void aMissingFieldIs400AndNoTokenIs401() {
    var missing = server.post(PATH, access(alice), Map.of("newPassword", NEW_PASSWORD));
    var anonymous = server.post(PATH, null, Map.of("currentPassword", PASSWORD));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error/message").asText()).contains("currentPassword");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void otherUsersKeepTheirPasswordsAndSessions() {
    server.user("bob");
    JsonNode bob = server.login("bob", PASSWORD);

    assertThat(change(access(alice), PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);

    assertThat(loginStatus("bob", PASSWORD)).isEqualTo(200);
    assertThat(server.get("/api/conversations", access(bob)).status()).isEqualTo(200);
    var refresh =
        server.post(
            "/api/auth/refresh", null, Map.of("refreshToken", bob.get("refreshToken").asText()));
    assertThat(refresh.status()).isEqualTo(200);
  }

  @Test
  void theChangeIsAuditedWithoutThePasswords() {
    change(access(alice), PASSWORD, NEW_PASSWORD);

    AuditLog.Entry entry =
        server.store.audit().recent(20).stream()
            .filter(e -> e.action().equals("account.password"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.userId()).isEqualTo("alice");
    assertThat(String.valueOf(entry.details())).doesNotContain(PASSWORD, NEW_PASSWORD);
  }
}
