package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document the server serves, and docs/api-reference.md, list exactly its routes. */
class OpenApiDocumentTest {
  @TempDir static Path home;
  private static ServerFixture server;
  private static JsonNode document;

  @BeforeAll
  static void start() {
    server = new ServerFixture(home);
    var reply = server.get("/api/openapi.json", null);
    assertThat(reply.status()).isEqualTo(200);
    document = reply.json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<String> routes() {
    return server.server.routes().stream()
        .map(r -> r.method().name().toLowerCase(Locale.ROOT) + " " + r.path())
        .collect(Collectors.toSet());
  }

  private static Set<String> documented() {
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + path.getKey()));
    }
    return documented;
  }

  @Test
  void documentsExactlyTheRoutesTheServerServes() {
    assertThat(documented()).isEqualTo(routes());
  }

  @Test
  void marksExactlyThePublicRoutesAsNeedingNoToken() {
    for (Route route : server.server.routes()) {
      JsonNode operation =
          document
              .get("paths")
              .get(route.path())
              .get(route.method().name().toLowerCase(Locale.ROOT));
      assertThat(operation.get("security").isEmpty())
          .as(route.method() + " " + route.path())
          .isEqualTo(route.access() == Route.Access.PUBLIC);
      assertThat(operation.path("description").asText().contains("Admin role required"))
          .as(route.method() + " " + route.path())
          .isEqualTo(route.access() == Route.Access.ADMIN);
    }
  }

  @Test
  void theApiReferencePageListsEveryRoute() throws IOException {
    Path page = Path.of("..", "docs", "api-reference.md");
    String text = Files.readString(page);

    for (Route route : server.server.routes()) {
      assertThat(text).contains("| " + route.method().name() + " | `" + route.path() + "` |");
    }
  }
}
