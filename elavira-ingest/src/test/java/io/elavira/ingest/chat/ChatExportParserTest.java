package io.elavira.ingest.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.SharedData;
import io.elavira.ingest.chunk.RecursiveChunker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatExportParserTest extends DocumentParserContract {
  private static final String LE_CHAT = "chat-5f0c2a1e-8b7d-4c3a-9e21-7d4b6a9c0f11.json";

  @TempDir Path dir;

  @Override
  protected DocumentParser parser() {
    return new ChatExportParser();
  }

  @Override
  protected byte[] validSample() {
    return resource(LE_CHAT);
  }

  @Override
  protected String validSampleName() {
    return LE_CHAT;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ChatExportParserTest.class.getResourceAsStream("/chat/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document parse(byte[] bytes, String name) {
    return new ChatExportParser().parse(new ByteArrayInputStream(bytes), name);
  }

  private static List<Block> turns(Document document) {
    return document.blocks().stream().filter(b -> b.type() == BlockType.TURN).toList();
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void walksChatGptsActiveBranchFromTheCurrentNodeLeavingHiddenSystemAndRegeneratedAnswersOut()
      throws IOException {
    byte[] bytes = SharedData.chatBytes("chatgpt/chatgpt_branched.json");
    Conversation conversation =
        ChatGptReader.conversation(new ObjectMapper().readTree(bytes).get(0), false);

    assertThat(conversation.path()).containsExactly("n0", "n1", "n3", "n4");
    Document document = parse(bytes, "my-chatgpt-backup-2026.json"); // renamed: found by content
    assertThat(turns(document))
        .extracting(Block::text)
        .containsExactly(
            "User: How do I rotate tokens?",
            "Assistant: Second answer, the one kept.",
            "User: See this diagram:");
    assertThat(document.text()).doesNotContain("First answer", "You are helpful");
    Block answer = turns(document).get(1);
    assertThat(answer.section()).isEqualTo("Auth refactor");
    assertThat(answer.metadata())
        .containsEntry("speaker", "assistant")
        .containsEntry("model", "gpt-5.2")
        .containsEntry("timestamp", "2025-06-15T15:11:40Z")
        .containsEntry("conversationId", "conv-1")
        .containsEntry("messageId", "n3");
    assertThat(document.metadata()).containsEntry("platform", "chatgpt");
  }

  @Test
  void keepsOtherBranchesApartWhenAsked() {
    Document document =
        ChatExportParser.builder()
            .keepOffPathBranches(true)
            .build()
            .parse(
                new ByteArrayInputStream(SharedData.chatBytes("chatgpt/chatgpt_branched.json")),
                "conversations.json");

    assertThat(document.blocks())
        .filteredOn(b -> b.text().contains("First answer, later regenerated."))
        .singleElement()
        .satisfies(b -> assertThat(b.section()).isEqualTo("Auth refactor > other branches"));
  }

  @Test
  void stripsChatGptCitationMarkersAndReadsCodeContent() {
    String json =
        "[{\"conversation_id\":\"c\",\"title\":\"T\",\"current_node\":\"b\",\"mapping\":{"
            + "\"a\":{\"parent\":null,\"message\":{\"author\":{\"role\":\"user\"},\"content\":"
            + "{\"content_type\":\"code\",\"text\":\"print(1)\"}}},"
            + "\"b\":{\"parent\":\"a\",\"message\":{\"author\":{\"role\":\"assistant\"},\"content\":"
            + "{\"content_type\":\"text\",\"parts\":[\"Paris is the capital.\\ue200cite\\ue202turn0search0\\ue201\\ue203\"]}}},"
            + "\"t\":{\"parent\":\"b\",\"message\":{\"author\":{\"role\":\"tool\"},\"content\":"
            + "{\"content_type\":\"text\",\"parts\":[\"tool output\"]}}}}}]";

    Document document = parse(json.getBytes(StandardCharsets.UTF_8), "conversations.json");

    assertThat(turns(document))
        .extracting(Block::text)
        .containsExactly("User: print(1)", "Assistant: Paris is the capital.");
  }

  @Test
  void readsAShardedChatGptExportZippedInPlaceAndReportsTheMissingShard() {
    Map<String, byte[]> entries = new LinkedHashMap<>(); // shard 1 first: the manifest gives order
    entries.put(
        "export/conversations-001.json", SharedData.chatBytes("chatgpt/chatgpt_sharded_001.json"));
    entries.put(
        "export/export_manifest.json",
        SharedData.chatBytes("chatgpt/chatgpt_export_manifest.json"));
    entries.put(
        "export/conversations-000.json", SharedData.chatBytes("chatgpt/chatgpt_sharded_000.json"));
    entries.put(
        "export/conversation_asset_file_names.json",
        SharedData.chatBytes("chatgpt/chatgpt_asset_names.json"));
    byte[] export = zip(entries);

    Document document = parse(export, "chatgpt-export.zip");

    assertThat(turns(document))
        .extracting(b -> b.metadata().get("conversationId"))
        .containsExactly("sh-1", "sh-1", "sh-2");
    assertThat(document.text())
        .contains("The diagram shows the token rotation flow.", "Why?")
        .doesNotContain("The user wants the short answer."); // reasoning is not the answer
    assertThat(document.metadata().get("warnings")).contains("conversations-404.json");
  }

  @Test
  void reportsAShardTheManifestListsButTheFolderLacks() throws IOException {
    Files.write(
        dir.resolve("export_manifest.json"),
        SharedData.chatBytes("chatgpt/chatgpt_export_manifest.json"));
    Files.write(
        dir.resolve("conversations-000.json"),
        SharedData.chatBytes("chatgpt/chatgpt_sharded_000.json"));
    Files.write(
        dir.resolve("conversations-001.json"),
        SharedData.chatBytes("chatgpt/chatgpt_sharded_001.json"));

    assertThatThrownBy(() -> new ChatExportParser().parse(dir.resolve("export_manifest.json")))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("export_manifest.json")
        .hasMessageContaining("conversations-404.json")
        .hasMessageNotContaining("conversations-000.json");
  }

  @Test
  void readsClaudeConversationsToleratingUnknownBlocksAndIndexingAttachmentsApart() {
    Document document =
        parse(SharedData.chatBytes("claude/claude_conversations.json"), "claude-backup.json");

    assertThat(turns(document))
        .extracting(Block::text)
        .containsExactly(
            "User: Should files be the source of truth?",
            "Assistant: Yes, with digests kept in the vault.");
    assertThat(turns(document).get(0).section()).isEqualTo("Vault design");
    assertThat(document.metadata().get("warnings")).contains("spec.md");

    String withExtracted =
        "[{\"uuid\":\"c\",\"name\":\"CV review\",\"chat_messages\":[{\"uuid\":\"m\",\"sender\":"
            + "\"human\",\"created_at\":\"2026-01-02T03:04:05.123456Z\",\"text\":\"Review my CV\","
            + "\"attachments\":[{\"file_name\":\"cv.txt\",\"extracted_content\":\"Ada, compilers\"}]}]}]";
    Document attached = parse(withExtracted.getBytes(StandardCharsets.UTF_8), "conversations.json");
    assertThat(attached.blocks())
        .filteredOn(b -> b.type() == BlockType.PARAGRAPH)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.text()).isEqualTo("Ada, compilers");
              assertThat(b.section()).isEqualTo("CV review > attachment cv.txt");
            });
    assertThat(turns(attached).get(0).metadata())
        .containsEntry("timestamp", "2026-01-02T03:04:05.123456Z");
  }

  @Test
  void readsClaudeDesignChatsProjectsAndMemories() {
    Document design =
        parse(SharedData.chatBytes("claude/claude_design_chat.json"), "design-1.json");
    assertThat(design.text())
        .contains("Redo the landing page.", "Use the brand palette.")
        .contains("I'll start by looking at the current state of things.")
        .doesNotContain("Overloaded");
    Document project = parse(SharedData.chatBytes("claude/claude_project_dir.json"), "proj-9.json");
    assertThat(project.blocks())
        .extracting(Block::section)
        .containsExactly("Project: Politis Hub", "Project: Politis Hub > brief.md");
    Document memories =
        parse(SharedData.chatBytes("claude/claude_memories_v2.json"), "memories.json");
    assertThat(memories.blocks())
        .extracting(Block::section)
        .containsExactly(
            "Memory: conversations memory", "Memory: /areas/podium.md", "Memory: /profile.md");
  }

  @Test
  void readsTheFlatLayoutsProjectsAndMemoriesAsClaudeSections() {
    Document projects = parse(SharedData.chatBytes("claude/claude_projects.json"), "projects.json");
    Document memories = parse(SharedData.chatBytes("claude/claude_memories.json"), "memories.json");

    assertThat(projects.blocks()).extracting(Block::section).containsExactly("Project: ModelCaddy");
    assertThat(projects.text()).contains("Cross-model memory layer.").doesNotContain("p-1");
    assertThat(memories.blocks())
        .extracting(Block::section)
        .containsExactly("Memory: Distribution");
    assertThat(memories.text()).contains("DMG-primary since 2026-08-19.").doesNotContain("mem-1");
  }

  @Test
  void readsTheOlderClaudeShapeAndRefusesCorruptedBytesClearly() {
    byte[] bytes = SharedData.chatBytes("claude-to-sqlite/example.json");

    assertThat(turns(parse(bytes, "conversations.json"))).hasSize(2);
    byte[] corrupted = new byte[bytes.length + 1];
    corrupted[0] = 'x';
    System.arraycopy(bytes, 0, corrupted, 1, bytes.length);
    assertThatThrownBy(() -> parse(corrupted, "conversations.json"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("conversations.json")
        .hasMessageContaining("neither a valid zip nor a valid JSON file");
  }

  @Test
  void aBrokenExportIsRefusedWithoutQuotingItsText() {
    byte[] bytes =
        "confidential_salary_review [{\"uuid\": \"c-1\"}]".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parse(bytes, "conversations.json"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("neither a valid zip nor a valid JSON file")
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("confidential");
  }

  @Test
  void groupsGeminiPromptsAndAnswersIntoSessionsByThreadInTimeOrder() {
    Document document =
        parse(SharedData.chatBytes("gemini/gemini_myactivity.json"), "renamed-by-the-user.json");

    assertThat(document.metadata()).containsEntry("conversations", "3");
    List<Block> thread =
        turns(document).stream()
            .filter(b -> "invented-thread-1".equals(b.metadata().get("conversationId")))
            .toList();
    assertThat(thread)
        .extracting(Block::text)
        .containsExactly(
            "User: Explain the first half of the made-up thing",
            "Assistant: The first half does not exist.\nNor does this list item.",
            "User: And what about the second half?",
            "Assistant: The second half is likewise invented.");
    assertThat(document.text()).contains("User: これは作り話です").doesNotContain("送信したメッセージ");
    assertThat(document.metadata().get("warnings")).contains("invented-notes.pdf");
    assertThat(
            new ChatExportParser()
                .recognises(SharedData.chatBytes("gemini/takeout_search_myactivity.json"), "x"))
        .isFalse();
  }

  @Test
  void readsLeChatMessagesFromContentOrContentChunks() {
    Document document = parse(resource(LE_CHAT), LE_CHAT);

    assertThat(turns(document))
        .extracting(Block::text)
        .containsExactly(
            "User: Quelle est la capitale de l'Australie ?",
            "Assistant: La capitale de l'Australie est Canberra,\net non Sydney.",
            "User: Merci, et voici mes notes.");
    assertThat(turns(document).get(1).metadata())
        .containsEntry("model", "mistral-large-latest")
        .containsEntry("timestamp", "2026-05-02T08:15:04.250Z")
        .containsEntry("conversationId", "5f0c2a1e-8b7d-4c3a-9e21-7d4b6a9c0f11");
    assertThat(document.metadata()).containsEntry("platform", "lechat");
  }

  @Test
  void readsGrokResponsesWhateverTheCaseOfTheSender() {
    Document document = parse(resource("grok-export.json"), "prod-grok-backend.json");

    assertThat(turns(document))
        .extracting(b -> b.metadata().get("speaker"), b -> b.metadata().get("timestamp"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("user", "2026-04-10T12:00:00Z"),
            org.assertj.core.groups.Tuple.tuple("assistant", "2026-04-10T12:00:05.500Z"));
    assertThat(turns(document).get(1).section()).isEqualTo("Rust lifetimes");
    assertThat(turns(document).get(1).metadata()).containsEntry("model", "grok-3");
  }

  @Test
  void refusesAZipBombNamingTheSetting() {
    byte[] bomb = zip(Map.of("conversations.json", new byte[5_000_000]));

    assertThatThrownBy(() -> parse(bomb, "export.zip"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("export.zip")
        .hasMessageContaining("maxArchiveExpansionRatio");
  }

  @Test
  void chunksOnTurnBoundariesSplittingOnlyATurnOverTheBudget() {
    String longAnswer = "This sentence explains one more detail of token rotation. ".repeat(60);
    String json =
        "[{\"uuid\":\"c\",\"name\":\"Tokens\",\"chat_messages\":["
            + "{\"uuid\":\"1\",\"sender\":\"human\",\"text\":\"Hi\"},"
            + "{\"uuid\":\"2\",\"sender\":\"assistant\",\"text\":\"Hello! What do you need?\"},"
            + "{\"uuid\":\"3\",\"sender\":\"human\",\"text\":\"Explain rotation.\"},"
            + "{\"uuid\":\"4\",\"sender\":\"assistant\",\"text\":\""
            + longAnswer
            + "\"}]}]";
    Document document = parse(json.getBytes(StandardCharsets.UTF_8), "conversations.json");

    List<Chunk> chunks = RecursiveChunker.builder().maxTokens(100).build().chunk(document);

    assertThat(chunks.subList(0, 3))
        .extracting(Chunk::text)
        .containsExactly(
            "User: Hi", "Assistant: Hello! What do you need?", "User: Explain rotation.");
    assertThat(chunks.subList(3, chunks.size()))
        .hasSizeGreaterThan(1)
        .allSatisfy(
            c -> {
              assertThat(c.metadata())
                  .containsEntry("speaker", "assistant")
                  .containsEntry("messageId", "4");
              assertThat(c.text()).doesNotContain("User:");
            });
    assertThat(chunks).allSatisfy(c -> assertThat(c.section()).isEqualTo("Tokens"));
  }
}
