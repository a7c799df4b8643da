package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.store.DocumentInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDocumentsTest {
  static final Document RULES = Docs.document("rules.txt", "The gym opens at seven.");
  static final Document ALICE = Docs.document("alice-plan.txt", "Alice trains legs on Monday.");
  static final Document BOB = Docs.document("bob-plan.txt", "Bob trains arms on Tuesday.");

  @TempDir Path home;
  ElaviraAgent agent;
  String rulesId;
  String aliceId;
  String bobId;

  @BeforeEach
  void open() {
    agent = ElaviraAgent.builder().home(home).embeddings(new FakeEmbeddingModel()).build();
    rulesId = agent.index(RULES, Docs.chunks(RULES)).documentId();
    aliceId = agent.index(ALICE, Docs.chunks(ALICE), "alice").documentId();
    bobId = agent.index(BOB, Docs.chunks(BOB), "bob").documentId();
  }

  @AfterEach
  void close() {
    agent.close();
  }

  @Test
  void aUserListsTheSharedDocumentsAndTheirOwnOnly() {
    assertThat(agent.listDocuments("alice"))
        .extracting(DocumentInfo::id)
        .containsExactlyInAnyOrder(rulesId, aliceId);
    assertThat(agent.listDocuments("carol")).extracting(DocumentInfo::id).containsExactly(rulesId);
    assertThat(agent.listDocuments()).hasSize(3); // the operator's view
  }

  @Test
  void aUserFindsNeitherByIdNorByPathAnotherUsersDocument() {
    assertThat(agent.findDocument("alice", bobId)).isEmpty();
    assertThat(agent.findDocument("alice", "/docs/bob-plan.txt")).isEmpty();
    assertThat(agent.findDocument("alice", "/docs/alice-plan.txt"))
        .get()
        .extracting(DocumentInfo::id)
        .isEqualTo(aliceId);
    assertThat(agent.findDocument("alice", rulesId)).isPresent();
  }

  @Test
  void aUserRemovesTheirOwnDocumentButNeitherAnotherUsersNorASharedOne() {
    assertThat(agent.removeDocument("alice", bobId)).isEmpty();
    assertThat(agent.removeDocument("alice", "/docs/rules.txt")).isEmpty();
    assertThat(agent.listDocuments()).hasSize(3);

    assertThat(agent.removeDocument("alice", "/docs/alice-plan.txt"))
        .get()
        .extracting(DocumentInfo::id)
        .isEqualTo(aliceId);

    assertThat(agent.listDocuments())
        .extracting(DocumentInfo::id)
        .containsExactlyInAnyOrder(rulesId, bobId);
    assertThat(agent.ask("alice", "c1", "When does Alice train legs?").sources())
        .extracting(Source::documentId)
        .doesNotContain(aliceId, bobId);
  }
}
