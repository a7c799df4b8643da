package io.elavira.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.store.ElaviraStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real server on an ephemeral loopback port over a real SQLite home, with instant models; an HTTP
 * client speaking to it. Its clock can be moved forward.
 */
final class ServerFixture implements AutoCloseable {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final String PASSWORD = "a-long-enough-password";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path home;
  final ElaviraStore store;
  final ElaviraAgent agent;
  final ElaviraServer server;
  // The real time plus what the test added: the store stamps rows with the system clock, and the
  // stats compare its times with the server's.
  final MovableClock clock = new MovableClock();
  final StringWriter notices = new StringWriter();
  private final HttpClient client = HttpClient.newHttpClient();

  ServerFixture(Path home) {
    this(home, b -> b.adminPassword(ADMIN_PASSWORD));
  }

  ServerFixture(Path home, UnaryOperator<ElaviraServer.Builder> options) {
    this.home = home;
    this.store = ElaviraStore.open(home.resolve("elavira.db"));
    this.agent =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(InstantModels.embeddings())
            .llm(InstantModels.llm())
            .build();
    this.server =
        options
            .apply(
                ElaviraServer.builder()
                    .home(home)
                    .agent(agent)
                    .store(store)
                    .pipelines(
                        (indexer, listener) ->
                            IngestionPipeline.builder().indexer(indexer).listener(listener).build())
                    .llm(InstantModels.llm())
                    .agentComponents(InstantModels.components(home))
                    .port(0)
                    .clock(clock)
                    .notices(new PrintWriter(notices, true)))
            .start();
  }

  /** A response: status, headers, body. */
  record Reply(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + raw.body(), e);
      }
    }

    String body() {
      return raw.body();
    }

    @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The server-sent events of the body, in order: name and JSON data. */
    List<Map.Entry<String, JsonNode>> events() {
      List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
      for (String block : raw.body().split("\n\n")) {
        String name = null;
        String data = null;
        for (String line : block.split("\n")) {
          if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
        if (name != null && data != null) {
          try {
            events.add(Map.entry(name, JSON.readTree(data)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return events;
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path, @Nullable String token) {
    return send(authorized(HttpRequest.newBuilder(uri(path)).GET(), token));
  }

  Reply delete(String path, @Nullable String token) {
    return send(authorized(HttpRequest.newBuilder(uri(path)).DELETE(), token));
  }

  Reply post(String path, @Nullable String token, Object body) {
    return send(
        authorized(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))),
            token));
  }

  Reply put(String path, @Nullable String token, Object body) {
    return send(
        authorized(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))),
            token));
  }

  Reply stream(String path, String token, Object body) {
    return send(
        authorized(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))),
            token));
  }

  /** Uploads files (name to content) as multipart/form-data in the field "file". */
  Reply upload(String token, Map<String, byte[]> files, boolean events) {
    String boundary = "----elavira" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/documents"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (events) {
      request.header("Accept", "text/event-stream");
    }
    return send(authorized(request, token));
  }

  static HttpRequest.Builder authorized(HttpRequest.Builder request, @Nullable String token) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  static String json(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Logs in and returns the login answer (accessToken, refreshToken, expiresIn). */
  JsonNode login(String user, String password) {
    Reply reply = post("/api/auth/login", null, Map.of("username", user, "password", password));
    if (reply.status() != 200) {
      throw new IllegalStateException("login of " + user + " failed: " + reply.body());
    }
    return reply.json();
  }

  String adminToken() {
    return login("admin", ADMIN_PASSWORD).get("accessToken").asText();
  }

  /** Creates a user through the API and returns its access token. */
  String user(String name) {
    Reply created =
        post(
            "/api/users",
            adminToken(),
            Map.of("username", name, "password", PASSWORD, "role", "user"));
    if (created.status() != 201) {
      throw new IllegalStateException("creating " + name + " failed: " + created.body());
    }
    return login(name, PASSWORD).get("accessToken").asText();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        agent.close();
      } finally {
        store.close();
      }
    }
  }

  /** The system clock, moved forward by what the test adds. */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
