package io.elavira.store;

import static io.elavira.store.StoreFixtures.chunks;
import static io.elavira.store.StoreFixtures.document;
import static io.elavira.store.StoreFixtures.publish;
import static io.elavira.store.StoreFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents with several locations, their listing, and their removal for good. */
class DocumentLocationsTest {
  @TempDir Path dir;
  ElaviraStore store;
  DocumentStore documents;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
    documents = store.documents();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void findsAReadyCopyOfATextOnlyForTheSameAgentAndOwner() {
    DocumentRecord shared = document("a1", null, "shared.txt", "same text");
    DocumentRecord alices = document("a1", "alice", "alice.txt", "same text");
    publish(documents, shared, "x");
    publish(documents, alices, "x");

    assertThat(documents.findByContent("a1", null, sha256("same text")))
        .map(DocumentRecord::id)
        .contains(shared.id());
    assertThat(documents.findByContent("a1", "alice", sha256("same text")))
        .map(DocumentRecord::id)
        .contains(alices.id());
    assertThat(documents.findByContent("a1", "bob", sha256("same text"))).isEmpty();
    assertThat(documents.findByContent("a2", null, sha256("same text"))).isEmpty();
  }

  @Test
  void aMovedLocationFindsItsNewDocumentAndTheFirstLocationPassesToTheNext() {
    DocumentRecord doc = document("a1", null, "first.txt", "text");
    publish(documents, doc, "x");
    documents.moveLocation("a1", "/docs/second.txt", "second.txt", doc.id());

    assertThat(documents.findByLocation("a1", "/docs/second.txt"))
        .map(DocumentRecord::id)
        .contains(doc.id());
    assertThat(documents.locations(List.of(doc.id())))
        .containsEntry(doc.id(), List.of("/docs/first.txt", "/docs/second.txt"));

    assertThat(documents.moveLocation("a1", "/docs/first.txt", "first.txt", null)).isEmpty();

    DocumentRecord after = Objects.requireNonNull(documents.byIds(List.of(doc.id())).get(doc.id()));
    assertThat(after.location()).isEqualTo("/docs/second.txt");
    assertThat(after.name()).isEqualTo("second.txt");
    assertThat(documents.findByLocation("a1", "/docs/first.txt")).isEmpty();
    assertThat(documents.locationsOf("a1"))
        .containsExactly(Map.entry("/docs/second.txt", doc.id()));
  }

  @Test
  void movingTheLastLocationAwayRemovesTheDocumentWithATombstone() {
    DocumentRecord doc = document("a1", null, "only.txt", "text");
    publish(documents, doc, "x");

    assertThat(documents.moveLocation("a1", "/docs/only.txt", "only.txt", null)).contains(doc.id());

    assertThat(documents.byIds(List.of(doc.id()))).isEmpty();
    assertThat(documents.changesSince("a1", 0))
        .singleElement()
        .satisfies(c -> assertThat(c.deleted()).isTrue());
  }

  @Test
  void refusesToMoveALocationToAnotherAgentsDocument() {
    DocumentRecord theirs = document("a2", null, "theirs.txt", "text");
    publish(documents, theirs, "x");

    assertThatThrownBy(
            () -> documents.moveLocation("a1", "/docs/mine.txt", "mine.txt", theirs.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(theirs.id())
        .hasMessageContaining("a1");
    assertThat(documents.locationsOf("a1")).isEmpty();
  }

  @Test
  void refusesToStageANewDocumentAtALocationThatBelongsToAnother() {
    DocumentRecord doc = document("a1", null, "first.txt", "text");
    publish(documents, doc, "x");
    documents.moveLocation("a1", "/docs/copy.txt", "copy.txt", doc.id());
    DocumentRecord clash = document("a1", null, "copy.txt", "other text");

    assertThatThrownBy(() -> documents.stage(clash, chunks(clash, "y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/docs/copy.txt");
  }

  @Test
  void removeDeletesTheDocumentEveryVersionAndOnlyTheEmbeddingsNoOtherChunkHolds() {
    DocumentRecord doc = document("a1", null, "gone.txt", "v1");
    DocumentRecord other = document("a2", null, "other.txt", "v1");
    publish(documents, doc, "alone", "shared");
    publish(documents, other, "shared");
    documents.putEmbeddings(
        "m1", Map.of(sha256("alone"), new float[] {1f}, sha256("shared"), new float[] {1f}));
    documents.putEmbeddings("m2", Map.of(sha256("alone"), new float[] {1f}));

    assertThat(documents.remove(doc.id())).isTrue();

    assertThat(documents.byIds(List.of(doc.id()))).isEmpty();
    assertThat(documents.chunksOf(doc.id(), 1)).isEmpty();
    assertThat(documents.locationsOf("a1")).isEmpty();
    assertThat(documents.embeddings("m1", List.of(sha256("alone"), sha256("shared"))).keySet())
        .containsExactly(sha256("shared"));
    assertThat(documents.embeddings("m2", List.of(sha256("alone")))).isEmpty();
    assertThat(documents.changesSince("a1", 0))
        .singleElement()
        .satisfies(c -> assertThat(c.deleted()).isTrue());
    assertThat(documents.remove(doc.id())).isFalse();
  }
}
