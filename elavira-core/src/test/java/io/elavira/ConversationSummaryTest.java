package io.elavira;

import static io.elavira.ScriptedLlmProvider.systemMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Role;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.LongTermMemory;
import io.elavira.store.ConversationSummary;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationSummaryTest {
  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final AtomicInteger summaries = new AtomicInteger();
  final ScriptedLlmProvider llm =
      new ScriptedLlmProvider()
          .otherwise(
              (request, listener, cancellation) -> {
                String text =
                    isSummaryRequest(request) ? "Summary v" + summaries.incrementAndGet() : "ok";
                listener.onToken(text);
                return ChatResponse.of(
                    text, ScriptedLlmProvider.MODEL, new TokenUsage(1, 1), "stop");
              });
  ElaviraStore store;
  ElaviraAgent agent;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    store.close();
  }

  static boolean isSummaryRequest(ChatRequest request) {
    return systemMessage(request).startsWith("You summarise a conversation");
  }

  private ElaviraAgent open(boolean withModel, int refresh) {
    ElaviraAgentBuilder builder =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .memoryMessages(2)
            .longTermMemory(
                LongTermMemory.builder().recall(false).summaryRefreshMessages(refresh).build());
    if (withModel) {
      builder.llm(llm);
    }
    return builder.build();
  }

  private List<ChatRequest> answerRequests() {
    return llm.requests().stream().filter(r -> !isSummaryRequest(r)).toList();
  }

  @Test
  void summarisesOlderTurnsExtractivelyWithoutAModel() {
    agent = open(false, 6);
    agent.ask("alice", "c1", "My flat is in Lyon. It has three rooms.");
    agent.ask("alice", "c1", "The rent is 900 euros. It is due on the 5th.");
    assertThat(store.memory().summary("default", "alice", "c1")).isEmpty(); // all in the window

    agent.ask("alice", "c1", "When is the rent due?");

    ConversationSummary summary = store.memory().summary("default", "alice", "c1").orElseThrow();
    assertThat(summary.byModel()).isFalse();
    assertThat(summary.messageCount()).isEqualTo(2);
    assertThat(summary.text())
        .startsWith("User: My flat is in Lyon.")
        .doesNotContain("three rooms");
    assertThat(summary.text()).contains("\nAssistant: ");
    assertThat(summary.throughMessageId()).isEqualTo(agent.history("c1", 10).get(1).id());
  }

  @Test
  void placesTheModelsSummaryBeforeTheWindowAndReusesItUntilEnoughNewTurnsLeaveTheWindow() {
    agent = open(true, 4);
    agent.ask("alice", "c1", "Question one.");
    agent.ask("alice", "c1", "Question two.");
    assertThat(summaries).hasValue(0);

    agent.ask("alice", "c1", "Question three.");

    assertThat(summaries).hasValue(1);
    ChatRequest third = answerRequests().get(2);
    List<ChatMessage> messages = third.messages();
    assertThat(messages.get(0).role()).isEqualTo(Role.SYSTEM);
    assertThat(messages.get(0).content()).endsWith("<summary>\nSummary v1\n</summary>");
    assertThat(messages.subList(1, messages.size()))
        .extracting(ChatMessage::content)
        .containsExactly("Question two.", "ok", "Question three.");
    ChatRequest summaryRequest =
        llm.requests().stream().filter(r -> isSummaryRequest(r)).findFirst().orElseThrow();
    assertThat(summaryRequest.messages().get(1).content())
        .contains("User: Question one.")
        .doesNotContain("Question two.");

    agent.ask("alice", "c1", "Question four."); // two more messages left the window: reused

    assertThat(summaries).hasValue(1);
    assertThat(systemMessage(answerRequests().get(3))).contains("Summary v1");

    agent.ask("alice", "c1", "Question five."); // four since the summary: extended

    assertThat(summaries).hasValue(2);
    ChatRequest extension =
        llm.requests().stream().filter(r -> isSummaryRequest(r)).toList().get(1);
    assertThat(extension.messages().get(1).content())
        .contains("Summary so far:\nSummary v1")
        .contains("User: Question two.")
        .contains("User: Question three.")
        .doesNotContain("Question one.");
    assertThat(systemMessage(answerRequests().get(4))).contains("Summary v2");
    ConversationSummary stored = store.memory().summary("default", "alice", "c1").orElseThrow();
    assertThat(stored.byModel()).isTrue();
    assertThat(stored.messageCount()).isEqualTo(6);
  }

  @Test
  void aSummaryIsReadOnlyByItsUserAndAgent() {
    agent = open(false, 6);
    for (int i = 0; i < 3; i++) {
      agent.ask("alice", "c1", "Question " + i + ".");
    }

    assertThat(store.memory().summary("default", "alice", "c1")).isPresent();
    assertThat(store.memory().summary("default", "bob", "c1")).isEmpty();
    assertThat(store.memory().summary("other", "alice", "c1")).isEmpty();
    assertThat(store.memory().messagesBetween("default", "bob", "c1", 0, Long.MAX_VALUE, 100))
        .isEmpty();
    assertThat(store.memory().countMessagesBetween("default", "alice", "c1", 0, Long.MAX_VALUE))
        .isEqualTo(6);
  }

  @Test
  void offOnTheBuilderSendsNoSummary() {
    agent =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .llm(llm)
            .memoryMessages(2)
            .longTermMemory(LongTermMemory.off())
            .build();
    for (int i = 0; i < 4; i++) {
      agent.ask("alice", "c1", "Question " + i + ".");
    }

    assertThat(summaries).hasValue(0);
    assertThat(store.memory().summary("default", "alice", "c1")).isEmpty();
    assertThat(systemMessage(llm.lastRequest())).doesNotContain("<summary>");
  }
}
