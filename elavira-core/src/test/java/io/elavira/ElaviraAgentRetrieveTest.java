package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Document;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElaviraAgentRetrieveTest {
  static final Document TERMS = ElaviraAgentTest.TERMS;

  @TempDir Path home;
  final FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
  final ScriptedLlmProvider llm = new ScriptedLlmProvider();
  ElaviraAgent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void retrievesTheSamePassagesAsAnAnswerWithoutAskingTheModelOrStoringAnything() {
    agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(embeddings)
            .llm(llm.otherwise(ScriptedLlmProvider.echo()))
            .build();
    agent.index(TERMS, Docs.chunks(TERMS));
    String question = "What are the cancellation fees of the subscription?";

    List<Source> passages = agent.retrieve("alice", question, 2);

    assertThat(llm.requests()).isEmpty();
    assertThat(agent.lastConversationId("alice")).isEmpty();
    assertThat(passages).hasSize(2);
    assertThat(passages.get(0).text()).contains("forty euros");
    Answer answer = agent.ask("alice", "c1", question);
    assertThat(answer.sources().subList(0, 2)).isEqualTo(passages);
  }

  @Test
  void neverReturnsAnotherUsersPrivatePassages() {
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build();
    agent.index(TERMS, Docs.chunks(TERMS), "alice");

    assertThat(agent.retrieve("bob", "cancellation fees", 5)).isEmpty();
    assertThat(agent.retrieve("alice", "cancellation fees", 5)).isNotEmpty();
  }

  @Test
  void refusesABlankTextOrUser() {
    agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build();

    assertThatThrownBy(() -> agent.retrieve("alice", " ", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> agent.retrieve(" ", "fees", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> agent.retrieve("alice", "fees", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
