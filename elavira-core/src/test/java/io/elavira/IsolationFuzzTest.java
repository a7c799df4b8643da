package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Document;
import io.elavira.document.IndexResult;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.LongTermMemory;
import io.elavira.retrieval.WordOverlapIndex;
import io.elavira.store.ElaviraStore;
import io.elavira.store.MemoryEntry;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.IsolationOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user isolation through the whole agent: three agents on one home (one SQLite store, one
 * in-memory vector store and one lexical index shared by all), shared documents per agent and
 * private documents per user (with byte-identical twins across users and agents, and one path every
 * owner and agent has a document of its own at), then at least {@value #ASKS} randomized asks of
 * random users to random agents, several of them naming another user's secret words, with long-term
 * recall and summaries on. The model echoes every secret word of its prompt (passages, recalled
 * conversations, summary, history), so a leak anywhere in the prompt shows in the answer. Every
 * source, every echoed secret, every long-term memory entry and every listed conversation must
 * belong to the asker ({@link IsolationOracle}); asking in another user's conversation must be
 * refused. A failure prints the seed ({@code -Delavira.fuzz.seed=N}).
 */
class IsolationFuzzTest {
  static final int ASKS = 1000;
  static final List<String> AGENTS = List.of("a1", "a10", "b");
  static final List<String> OWNERS = List.of("u1", "u10", "u2");
  static final List<String> ASKERS = List.of("u1", "u10", "u2", "u3");

  /** Every agent has a shared and a private document per owner read from this one path. */
  static final String SAME_PATH_NAME = "same-path.txt";

  static final List<String> WORDS =
      List.of(
          "invoice",
          "contract",
          "salary",
          "holiday",
          "doctor",
          "garden",
          "recipe",
          "train",
          "meeting",
          "insurance",
          "school",
          "budget",
          "travel",
          "music",
          "loan",
          "tenant");

  /** A secret word: only in its document's text, never typed in a question. */
  static final Pattern SECRET = Pattern.compile("zs[a-z0-9]+");

  @TempDir Path home;
  final List<String> documents = new ArrayList<>();

  @Test
  void noRandomizedAskSeesAnotherUsersOrAnotherAgentsDocumentsOrConversations() {
    long seed = IsolationOracle.seedFromSystemProperty();
    Random random = new Random(seed);
    IsolationOracle oracle = new IsolationOracle(seed);
    ScriptedLlmProvider echo = new ScriptedLlmProvider().otherwise(IsolationFuzzTest::echoSecrets);
    FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
    List<String> publicMarkers = new ArrayList<>();
    Map<String, ElaviraAgent> agents = new LinkedHashMap<>();
    try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
        InMemoryVectorStore vectors = new InMemoryVectorStore();
        WordOverlapIndex lexical = new WordOverlapIndex()) {
      try {
        for (String agentId : AGENTS) {
          agents.put(
              agentId,
              ElaviraAgent.builder()
                  .store(store)
                  .agentId(agentId)
                  .embeddings(embeddings)
                  .vectors(vectors)
                  .lexical(lexical)
                  .llm(echo)
                  .topK(6)
                  .memoryMessages(4)
                  .longTermMemory(
                      LongTermMemory.builder()
                          .minScore(0.05)
                          .maxRecalled(4)
                          .summaryRefreshMessages(2)
                          .build())
                  .build());
        }
        int n = 0;
        for (String agentId : AGENTS) {
          ElaviraAgent agent = agents.get(agentId);
          List<@Nullable String> owners = new ArrayList<>();
          owners.add(null);
          owners.add(null);
          owners.add(null);
          for (String owner : OWNERS) {
            owners.add(owner);
            owners.add(owner);
            owners.add(owner);
          }
          for (String owner : owners) {
            String key = agentId + (owner == null ? "shared" : owner) + "d" + (n++);
            String marker = "zq" + key;
            publicMarkers.add(marker);
            oracle.add("zs" + key, agentId, owner);
            Document doc =
                Docs.document(
                    key + ".txt",
                    marker + " zs" + key + " " + words(random, 6),
                    marker + " zs" + key + " " + words(random, 6));
            register(oracle, index(agent, doc, owner), agentId, owner);
            // A byte-identical twin in another scope must stay another document.
            Document twin =
                Docs.document(
                    "twin-" + key + ".txt",
                    "twin text " + (n % 4) + " " + WORDS.get(n % WORDS.size()));
            register(oracle, index(agent, twin, owner), agentId, owner);
          }
          // One path, one document per owner (and a shared one), in every agent: the path is
          // keyed by agent and owner, never one user's document overwriting another's.
          List<@Nullable String> scopes = new ArrayList<>();
          scopes.add(null);
          scopes.addAll(OWNERS);
          for (String owner : scopes) {
            String key = agentId + (owner == null ? "shared" : owner) + "same";
            String marker = "zq" + key;
            publicMarkers.add(marker);
            oracle.add("zs" + key, agentId, owner);
            Document atSamePath =
                Docs.document(
                    SAME_PATH_NAME,
                    marker + " zs" + key + " " + words(random, 6),
                    marker + " zs" + key + " " + words(random, 6));
            register(oracle, index(agent, atSamePath, owner), agentId, owner);
          }
        }
        for (String agentId : AGENTS) {
          for (String user : ASKERS) {
            for (int c = 0; c < 3; c++) {
              oracle.add(conversation(agentId, user, c), agentId, user);
            }
          }
        }

        int refused = 0;
        java.util.Set<String> started = new java.util.HashSet<>();
        for (int q = 0; q < ASKS; q++) {
          String agentId = AGENTS.get(random.nextInt(AGENTS.size()));
          String user = ASKERS.get(random.nextInt(ASKERS.size()));
          ElaviraAgent agent = agents.get(agentId);
          String question =
              words(random, 2 + random.nextInt(3))
                  + (random.nextInt(3) == 0
                      ? " " + publicMarkers.get(random.nextInt(publicMarkers.size()))
                      : "");
          if (random.nextInt(10) == 0) {
            // Someone else's conversation (another user, or the same user's with another agent).
            String otherAgent = AGENTS.get(random.nextInt(AGENTS.size()));
            String otherUser = ASKERS.get(random.nextInt(ASKERS.size()));
            String theirs = conversation(otherAgent, otherUser, random.nextInt(3));
            if ((!otherAgent.equals(agentId) || !otherUser.equals(user))
                && started.contains(theirs)) {
              assertThatThrownBy(() -> agent.ask(user, theirs, question))
                  .as("asking in another's conversation (seed %s)", seed)
                  .isInstanceOf(IllegalArgumentException.class);
              refused++;
              continue;
            }
          }
          String conversationId = conversation(agentId, user, random.nextInt(3));
          Answer answer = agent.ask(user, conversationId, question);
          started.add(conversationId);

          oracle.assertVisible(
              "answer sources #" + q,
              agentId,
              user,
              answer.sources().stream().map(Source::documentId).toList());
          oracle.assertVisible("the prompt (echoed) #" + q, agentId, user, secrets(answer.text()));
          oracle.assertVisible(
              "long-term memory #" + q,
              agentId,
              user,
              store.memory().entries(agentId, user, "none").stream()
                  .map(MemoryEntry::conversationId)
                  .toList());
          oracle.assertVisible(
              "conversation list #" + q,
              agentId,
              user,
              store.conversations().conversationIds(agentId, user));
          String anyConversation =
              conversation(
                  AGENTS.get(random.nextInt(AGENTS.size())),
                  ASKERS.get(random.nextInt(ASKERS.size())),
                  random.nextInt(3));
          var summary = store.memory().summary(agentId, user, anyConversation);
          if (summary.isPresent()) {
            oracle.assertVisible(
                "summary #" + q, agentId, user, List.of(summary.get().conversationId()));
            oracle.assertVisible(
                "summary text #" + q, agentId, user, secrets(summary.get().text()));
          }
          oracle.assertVisible(
              "document list #" + q,
              agentId,
              user,
              agent.listDocuments(user).stream().map(d -> d.id()).toList());
          String anyDocument = documents.get(random.nextInt(documents.size()));
          oracle.assertVisible(
              "document find #" + q,
              agentId,
              user,
              agent.findDocument(user, anyDocument).stream().map(d -> d.id()).toList());
          oracle.assertVisible(
              "same-path find #" + q,
              agentId,
              user,
              agent.findDocument(user, "/docs/" + SAME_PATH_NAME).stream()
                  .map(d -> d.id())
                  .toList());
          if (!oracle.visible(anyDocument, agentId, user)) {
            assertThat(agent.removeDocument(user, anyDocument))
                .as("removing another's document (seed %s)", seed)
                .isEmpty();
          }
          oracle.assertVisible(
              "agent history #" + q,
              agentId,
              user,
              agent.history(user, anyConversation, 50).stream()
                  .map(m -> m.conversationId())
                  .distinct()
                  .toList());
          oracle.assertVisible(
              "history #" + q,
              agentId,
              user,
              store
                  .memory()
                  .messagesBetween(agentId, user, anyConversation, 0, Long.MAX_VALUE, 50)
                  .stream()
                  .map(m -> m.conversationId())
                  .distinct()
                  .toList());
        }

        assertThat(oracle.checks()).isGreaterThanOrEqualTo(ASKS);
        assertThat(refused).as("cross-user asks refused (seed %s)", seed).isPositive();
        // The run exercised what it checks: recalled conversations, summaries, private passages.
        assertThat(
                echo.requests().stream()
                    .anyMatch(r -> r.messages().get(0).content().contains("<summary>")))
            .as("some prompt held a summary (seed %s)", seed)
            .isTrue();
        assertThat(
                echo.requests().stream()
                    .anyMatch(
                        r -> r.messages().get(0).content().contains("source=\"conversation of ")))
            .as("some prompt held a recalled conversation (seed %s)", seed)
            .isTrue();
      } finally {
        agents.values().forEach(ElaviraAgent::close);
      }
    }
  }

  private static IndexResult index(ElaviraAgent agent, Document doc, @Nullable String owner) {
    return owner == null
        ? agent.index(doc, Docs.chunks(doc))
        : agent.index(doc, Docs.chunks(doc), owner);
  }

  private void register(
      IsolationOracle oracle, IndexResult result, String agentId, @Nullable String owner) {
    oracle.add(result.documentId(), agentId, owner);
    documents.add(result.documentId());
  }

  static String conversation(String agentId, String userId, int n) {
    return agentId + ":" + userId + ":" + n;
  }

  static String words(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return sb.toString();
  }

  static List<String> secrets(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = SECRET.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return List.copyOf(found);
  }

  /** The model: answers with every secret word of its whole prompt. */
  private static ChatResponse echoSecrets(
      io.elavira.llm.ChatRequest request,
      io.elavira.llm.TokenListener listener,
      io.elavira.llm.Cancellation cancellation) {
    StringBuilder all = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      all.append(m.content()).append('\n');
    }
    String text = "seen " + String.join(" ", secrets(all.toString()));
    listener.onToken(text);
    return ChatResponse.of(text, ScriptedLlmProvider.MODEL, new TokenUsage(1, 1), "stop");
  }
}
