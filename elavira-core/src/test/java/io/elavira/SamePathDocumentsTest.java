package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.document.IndexResult;
import io.elavira.store.DocumentInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users ingest a private document from the same path (each their own {@code notes.txt}), next
 * to a shared document from that path: three documents, each user seeing, re-indexing and removing
 * only their own.
 */
class SamePathDocumentsTest {
  static final String PATH = "/docs/notes.txt";
  static final Document ALICE = Docs.document("notes.txt", "Alice keeps the spare key zalice.");
  static final Document BOB = Docs.document("notes.txt", "Bob keeps the spare key zbob.");
  static final Document SHARED = Docs.document("notes.txt", "The spare key rule is zshared.");

  @TempDir Path home;
  ElaviraAgent agent;
  String aliceId;
  String bobId;

  @BeforeEach
  void open() {
    agent = ElaviraAgent.builder().home(home).embeddings(new FakeEmbeddingModel()).build();
    aliceId = agent.index(ALICE, Docs.chunks(ALICE), "alice").documentId();
    bobId = agent.index(BOB, Docs.chunks(BOB), "bob").documentId();
  }

  @AfterEach
  void close() {
    agent.close();
  }

  private List<String> retrievedTexts(String user) {
    return agent.ask(user, user + ":c", "Who keeps the spare key?").sources().stream()
        .map(Source::text)
        .toList();
  }

  @Test
  void twoUsersPrivateDocumentsAtTheSamePathAreTwoDocumentsEachSeenOnlyByItsOwner() {
    assertThat(ALICE.location()).isEqualTo(BOB.location()).isEqualTo(PATH);
    assertThat(aliceId).isNotEqualTo(bobId);
    assertThat(agent.listDocuments()).hasSize(2);

    assertThat(retrievedTexts("alice")).containsExactly("Alice keeps the spare key zalice.");
    assertThat(retrievedTexts("bob")).containsExactly("Bob keeps the spare key zbob.");
    assertThat(retrievedTexts("carol")).isEmpty();
    assertThat(agent.findDocument("alice", PATH))
        .get()
        .extracting(DocumentInfo::id)
        .isEqualTo(aliceId);
    assertThat(agent.findDocument("bob", PATH)).get().extracting(DocumentInfo::id).isEqualTo(bobId);
    assertThat(agent.findDocument("carol", PATH)).isEmpty();
  }

  @Test
  void reIndexingOneUsersFileLeavesTheOtherUsersUntouched() {
    Document aliceNew = Docs.document("notes.txt", "Alice moved the spare key zalicenew.");

    IndexResult result = agent.index(aliceNew, Docs.chunks(aliceNew), "alice");

    assertThat(result.documentId()).isEqualTo(aliceId);
    assertThat(result.status()).isEqualTo(IndexResult.Status.UPDATED);
    assertThat(agent.index(BOB, Docs.chunks(BOB), "bob").status())
        .isEqualTo(IndexResult.Status.UNCHANGED);
    assertThat(retrievedTexts("alice")).containsExactly("Alice moved the spare key zalicenew.");
    assertThat(retrievedTexts("bob")).containsExactly("Bob keeps the spare key zbob.");
    assertThat(agent.findDocument("bob", PATH))
        .get()
        .satisfies(
            d -> {
              assertThat(d.version()).isEqualTo(1);
              assertThat(d.ownerId()).isEqualTo("bob");
            });
  }

  @Test
  void removingOneUsersDocumentLeavesTheOtherUsersAndTheSharedOne() {
    String sharedId = agent.index(SHARED, Docs.chunks(SHARED)).documentId();
    assertThat(sharedId).isNotIn(aliceId, bobId);
    assertThat(retrievedTexts("alice"))
        .containsExactlyInAnyOrder(
            "Alice keeps the spare key zalice.", "The spare key rule is zshared.");

    assertThat(agent.removeDocument("alice", PATH))
        .get()
        .extracting(DocumentInfo::id)
        .isEqualTo(aliceId);

    assertThat(agent.listDocuments())
        .extracting(DocumentInfo::id)
        .containsExactlyInAnyOrder(bobId, sharedId);
    assertThat(retrievedTexts("alice")).containsExactly("The spare key rule is zshared.");
    assertThat(retrievedTexts("bob"))
        .containsExactlyInAnyOrder(
            "Bob keeps the spare key zbob.", "The spare key rule is zshared.");
    // The operator's removal by path takes the shared document, not a user's.
    assertThat(agent.removeDocument(PATH)).get().extracting(DocumentInfo::id).isEqualTo(sharedId);
    assertThat(agent.listDocuments()).extracting(DocumentInfo::id).containsExactly(bobId);
  }

  @Test
  void aByteIdenticalFileOfAnotherUserAtTheSamePathStaysAnotherDocument() {
    Document same = Docs.document("notes.txt", "Alice keeps the spare key zalice.");

    String carolId = agent.index(same, Docs.chunks(same), "carol").documentId();

    assertThat(carolId).isNotIn(aliceId, bobId);
    assertThat(retrievedTexts("carol")).containsExactly("Alice keeps the spare key zalice.");
    assertThat(agent.removeDocument("carol", PATH)).isPresent();
    assertThat(retrievedTexts("alice")).containsExactly("Alice keeps the spare key zalice.");
  }

  @Test
  void aPruneForgetsTheVanishedPathForEveryOwner() {
    Document kept = Docs.document("kept.txt", "Kept file.");
    agent.index(kept, Docs.chunks(kept), "alice");

    assertThat(agent.prune("/docs", List.of("/docs/kept.txt")))
        .extracting(r -> r.location() + " " + r.documentId() + " " + r.documentRemoved())
        .containsExactlyInAnyOrder(PATH + " " + aliceId + " true", PATH + " " + bobId + " true");
    assertThat(agent.listDocuments()).extracting(DocumentInfo::name).containsExactly("kept.txt");
  }
}
