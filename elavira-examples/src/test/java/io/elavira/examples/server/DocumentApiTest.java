package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.ingest.IngestionPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentApiTest {
  static final long MAX_UPLOAD = 64 * 1024;

  @TempDir static Path home;
  private static ServerFixture server;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    server =
        new ServerFixture(
            home, b -> b.adminPassword(ServerFixture.ADMIN_PASSWORD).maxUploadBytes(MAX_UPLOAD));
    alice = server.user("alice");
    bob = server.user("bob");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUploadIsIngestedAndPrivateToItsOwner() {
    var upload =
        server.upload(
            alice,
            Map.of("zebra-notes.txt", utf8("The zebra migration crosses the Mara river in July.")),
            false);

    assertThat(upload.status()).isEqualTo(201);
    assertThat(upload.json().at("/files/0/status").asText()).isEqualTo("added");
    String id = upload.json().at("/files/0/documentId").asText();
    assertThat(names(server.get("/api/documents", alice).json())).contains("zebra-notes.txt");
    assertThat(names(server.get("/api/documents", bob).json())).doesNotContain("zebra-notes.txt");

    JsonNode aliceAnswer =
        server
            .post(
                "/api/chat",
                alice,
                Map.of("message", "When does the zebra migration cross the river?"))
            .json();
    JsonNode bobAnswer =
        server
            .post(
                "/api/chat",
                bob,
                Map.of("message", "When does the zebra migration cross the river?"))
            .json();
    assertThat(aliceAnswer.get("sources").findValuesAsText("document")).contains("zebra-notes.txt");
    assertThat(bobAnswer.get("sources").findValuesAsText("document"))
        .doesNotContain("zebra-notes.txt");

    assertThat(server.delete("/api/documents/" + id, bob).status()).isEqualTo(404);
    assertThat(server.delete("/api/documents/" + id, alice).status()).isEqualTo(204);
    assertThat(names(server.get("/api/documents", alice).json())).doesNotContain("zebra-notes.txt");
  }

  @Test
  void anUploadReportsProgressEventsWhenAsked() {
    var upload =
        server.upload(
            alice,
            Map.of(
                "one.txt", utf8("First file about lighthouses."),
                "two.md", utf8("# Second\n\nA file about harbours.")),
            true);

    assertThat(upload.status()).isEqualTo(200);
    List<Map.Entry<String, JsonNode>> events = upload.events();
    assertThat(events)
        .extracting(Map.Entry::getKey)
        .containsExactly("progress", "progress", "result");
    assertThat(events.get(1).getValue().get("done").asInt()).isEqualTo(2);
    assertThat(events.get(1).getValue().get("total").asInt()).isEqualTo(2);
    assertThat(events.get(2).getValue().get("files")).hasSize(2);
  }

  @Test
  void aFileOverTheUploadLimitIsRefusedWith413() {
    byte[] big = new byte[(int) MAX_UPLOAD + 1];
    java.util.Arrays.fill(big, (byte) 'a');

    var reply = server.upload(alice, Map.of("big.txt", big), false);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void aFormatNoParserReadsOrABodyThatIsNotMultipartIsRefusedWith415() {
    var exe = server.upload(alice, Map.of("tool.exe", new byte[] {0x4d, 0x5a, 0, 1}), false);
    var json = server.post("/api/documents", alice, Map.of("file", "x"));

    assertThat(exe.status()).isEqualTo(415);
    assertThat(exe.json().at("/error/type").asText()).isEqualTo("unsupported_media_type");
    assertThat(json.status()).isEqualTo(415);
  }

  @Test
  void aCorruptFileIsReportedAsFailedWithItsReasonAndNoServerPath() {
    var reply =
        server.upload(alice, Map.of("broken.pdf", utf8("%PDF-1.7 not really a pdf")), false);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/files/0/status").asText()).isEqualTo("failed");
    assertThat(reply.json().at("/files/0/reason").asText()).isNotBlank();
    assertThat(reply.body()).doesNotContain(home.toString());
  }

  @Test
  void pathTraversalInAFileNameStaysInTheUsersUploadFolder() throws IOException {
    var reply =
        server.upload(
            alice,
            Map.of(
                "../../../../escape.txt",
                utf8("Traversal attempt about penguins."),
                "..\\..\\windows.txt",
                utf8("Another attempt about walruses.")),
            false);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().get("files").findValuesAsText("file"))
        .containsExactlyInAnyOrder("escape.txt", "windows.txt");
    assertThat(home.getParent().resolve("escape.txt")).doesNotExist();
    Path uploads = home.resolve("uploads").resolve(DocumentApi.folderOf("alice"));
    try (Stream<Path> files = Files.walk(uploads)) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("escape.txt", "windows.txt");
    }
    try (Stream<Path> all = Files.walk(home)) {
      assertThat(all.filter(p -> p.getFileName().toString().equals("escape.txt")))
          .allSatisfy(p -> assertThat(p).startsWith(uploads));
    }
  }

  @Test
  void anUploadWithoutAFileOrANameIsABadRequest() {
    var noName = server.upload(alice, Map.of("..", utf8("x")), false);

    assertThat(noName.status()).isEqualTo(400);
  }

  @Test
  void onlyAnAdminDeletesASharedDocument(@TempDir Path folder) throws IOException {
    Path handbook = Files.writeString(folder.resolve("shared-handbook.txt"), "Shared handbook.");
    var report =
        IngestionPipeline.builder().indexer(server.agent).build().ingest(List.of(handbook));
    String id = report.outcomes().get(0).result().documentId();
    assertThat(names(server.get("/api/documents", bob).json())).contains("shared-handbook.txt");

    assertThat(server.delete("/api/documents/" + id, bob).status()).isEqualTo(403);
    assertThat(server.delete("/api/documents/" + id, server.adminToken()).status()).isEqualTo(204);
  }

  private static List<String> names(JsonNode documents) {
    return documents.get("documents").findValuesAsText("name");
  }
}
