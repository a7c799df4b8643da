package io.elavira.store;

import static io.elavira.store.StoreFixtures.chunks;
import static io.elavira.store.StoreFixtures.document;
import static io.elavira.store.StoreFixtures.publish;
import static io.elavira.store.StoreFixtures.sha256;
import static io.elavira.store.StoreFixtures.withChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.elavira.ElaviraException;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTest {
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
  void stagesANewDocumentAsIndexingWithNothingSearchableUntilItIsPublished() {
    DocumentRecord doc = document("a1", null, "notes.txt", "content");
    List<ChunkRecord> chunks = chunks(doc, "premier", "second", "troisième");
    List<String> ids = chunks.stream().map(ChunkRecord::id).toList();

    assertThat(documents.stage(doc, chunks)).isEmpty();

    DocumentRecord staged = documents.findByLocation("a1", doc.location()).orElseThrow();
    assertThat(staged.status()).isEqualTo(DocumentStatus.INDEXING);
    assertThat(staged.version()).isZero();
    assertThat(documents.latestVersion(doc.id())).isEqualTo(1);
    assertThat(documents.withStatus(DocumentStatus.INDEXING))
        .extracting(DocumentRecord::id)
        .containsExactly(doc.id());
    assertThat(documents.chunksOf(doc.id())).isEmpty();
    assertThat(documents.chunks(ids)).isEmpty();
    assertThat(documents.chunksOf(doc.id(), 1))
        .extracting(ChunkRecord::ordinal)
        .containsExactly(0, 1, 2);

    assertThat(documents.publish(withChunks(doc, 3))).isTrue();

    DocumentRecord ready = documents.findByLocation("a1", doc.location()).orElseThrow();
    assertThat(ready.status()).isEqualTo(DocumentStatus.READY);
    assertThat(ready.version()).isEqualTo(1);
    assertThat(ready.chunkCount()).isEqualTo(3);
    assertThat(ready.ownerId()).isNull();
    assertThat(documents.chunks(ids)).hasSize(3);
    assertThat(documents.chunksOf(doc.id()))
        .extracting(ChunkRecord::text)
        .containsExactly("premier", "second", "troisième");
  }

  @Test
  void aStagedVersionIsUnseenUntilPublishedThenReplacesTheOldOneWhole() {
    DocumentRecord v1 = document("a1", null, "notes.txt", "v1");
    List<String> oldIds =
        publish(documents, v1, "a", "b", "c").stream().map(ChunkRecord::id).toList();
    DocumentRecord v2 = document("a1", "alice", "notes.txt", "v2", 2);
    List<ChunkRecord> newChunks = chunks(v2, "x", "y");
    List<String> newIds = newChunks.stream().map(ChunkRecord::id).toList();
    List<String> both = new ArrayList<>(oldIds);
    both.addAll(newIds);

    documents.stage(v2, newChunks);

    assertThat(documents.chunks(both)).extracting(ChunkRecord::text).containsOnly("a", "b", "c");
    DocumentRecord beforePublish = documents.findByLocation("a1", v1.location()).orElseThrow();
    assertThat(beforePublish.version()).isEqualTo(1);
    assertThat(beforePublish.ownerId()).isNull(); // the staged version's owner waits for publish
    assertThat(beforePublish.status()).isEqualTo(DocumentStatus.READY);

    assertThat(documents.publish(withChunks(v2, 2))).isTrue();

    assertThat(documents.chunks(both)).extracting(ChunkRecord::text).containsOnly("x", "y");
    // The path now belongs to alice's private document: it is keyed by agent and owner.
    assertThat(documents.findByLocation("a1", v1.location())).isEmpty();
    DocumentRecord after = documents.findByLocation("a1", "alice", v1.location()).orElseThrow();
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.chunkCount()).isEqualTo(2);
    assertThat(after.ownerId()).isEqualTo("alice");
    assertThat(after.contentHash()).isEqualTo(v2.contentHash());
    assertThat(documents.chunksOf(v1.id(), 1)).isEmpty(); // the old rows went with the publish
    assertThat(documents.latestVersion(v1.id())).isEqualTo(2);
  }

  @Test
  void aNewerStagingSupersedesAnOlderOneWhichCanNoLongerBePublished() {
    DocumentRecord v1 = document("a1", null, "notes.txt", "v1");
    publish(documents, v1, "a");
    DocumentRecord v2 = document("a1", null, "notes.txt", "v2", 2);
    DocumentRecord v3 = document("a1", null, "notes.txt", "v3", 3);
    List<ChunkRecord> v2Chunks = chunks(v2, "b", "c");
    documents.stage(v2, v2Chunks);

    List<String> abandoned = documents.stage(v3, chunks(v3, "d"));

    assertThat(abandoned).containsExactlyInAnyOrderElementsOf(ids(v2Chunks));
    assertThat(documents.publish(withChunks(v2, 2))).isFalse();
    assertThat(documents.chunksOf(v1.id())).extracting(ChunkRecord::text).containsExactly("a");
    assertThat(documents.publish(withChunks(v3, 1))).isTrue();
    assertThat(documents.publish(withChunks(v3, 1))).isTrue(); // already current
    assertThat(documents.publish(withChunks(v2, 2))).isFalse(); // older than the current one
    assertThat(documents.chunksOf(v1.id())).extracting(ChunkRecord::text).containsExactly("d");
  }

  @Test
  void refusesToStageAVersionThatAnotherWriterStagedFirst() {
    DocumentRecord v1 = document("a1", null, "notes.txt", "v1");
    documents.stage(v1, chunks(v1, "a"));

    assertThatThrownBy(() -> documents.stage(v1, chunks(v1, "b")))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("another process");
    assertThat(documents.chunksOf(v1.id(), 1)).extracting(ChunkRecord::text).containsExactly("a");
  }

  @Test
  void discardingDropsAStagedVersionAndAFirstVersionsDocumentButNeverTheCurrentVersion() {
    DocumentRecord first = document("a1", null, "first.txt", "f");
    documents.stage(first, chunks(first, "f"));
    documents.discard(first.id(), 1);
    assertThat(documents.findByLocation("a1", first.location())).isEmpty();

    DocumentRecord v1 = document("a1", null, "notes.txt", "v1");
    publish(documents, v1, "a");
    DocumentRecord v2 = document("a1", null, "notes.txt", "v2", 2);
    documents.stage(v2, chunks(v2, "b"));
    documents.discard(v1.id(), 2);
    documents.discard(v1.id(), 1);

    assertThat(documents.chunksOf(v1.id(), 2)).isEmpty();
    assertThat(documents.chunksOf(v1.id())).extracting(ChunkRecord::text).containsExactly("a");
    assertThat(documents.findByLocation("a1", v1.location()).orElseThrow().status())
        .isEqualTo(DocumentStatus.READY);
  }

  @Test
  void logsTheLastChangeOfEachDocumentInOrderWithTombstonesForDeletions() {
    DocumentRecord a = document("a1", null, "a.txt", "a");
    DocumentRecord b = document("a1", null, "b.txt", "b");
    assertThat(documents.lastChange("a1")).isZero();
    publish(documents, a, "a");
    publish(documents, b, "b");
    long afterB = documents.lastChange("a1");
    publish(documents, document("a1", null, "a.txt", "a2", 2), "a2");
    documents.stage(document("a1", null, "c.txt", "c"), List.of()); // staged only: no change
    documents.delete(b.id());
    documents.delete("unknown");
    publish(documents, document("a2", null, "other.txt", "o"), "o");

    List<DocumentChange> all = documents.changesSince("a1", 0);

    assertThat(all)
        .extracting(DocumentChange::documentId, DocumentChange::version)
        .containsExactly(tuple(a.id(), 2), tuple(b.id(), 0));
    assertThat(all.get(1).deleted()).isTrue();
    assertThat(all.get(0).sequence()).isGreaterThan(afterB);
    assertThat(documents.lastChange("a1")).isEqualTo(all.get(1).sequence());
    assertThat(documents.changesSince("a1", all.get(0).sequence()))
        .extracting(DocumentChange::documentId)
        .containsExactly(b.id());
    assertThat(documents.changesSince("a1", documents.lastChange("a1"))).isEmpty();
    assertThat(documents.changesSince("a2", 0)).hasSize(1);
  }

  @Test
  void indexStatusCountsPublishedChunksWithoutAnEmbeddingOfTheModelAsUnsearchable() {
    DocumentRecord doc = document("a1", null, "notes.txt", "n");
    publish(documents, doc, "embedded", "not embedded", "embedded");
    documents.stage(document("a1", null, "staged.txt", "s"), List.of());
    documents.putEmbeddings("m", Map.of(sha256("embedded"), new float[] {1f}));

    IndexStatus status = documents.indexStatus("a1", "m");

    assertThat(status)
        .isEqualTo(new IndexStatus("m", 1, 1, 3, 2, 1))
        .satisfies(s -> assertThat(s.complete()).isFalse());
    assertThat(documents.indexStatus("a1", "other-model").unsearchableChunks()).isEqualTo(3);
    assertThat(documents.indexStatus("nobody", "m")).isEqualTo(new IndexStatus("m", 0, 0, 0, 0, 0));
  }

  private static List<String> ids(List<ChunkRecord> chunks) {
    return chunks.stream().map(ChunkRecord::id).toList();
  }

  @Test
  void keepsChunkFieldsAndMetadata() {
    DocumentRecord doc = document("a1", null, "cv.pdf", "cv");
    ChunkRecord chunk =
        new ChunkRecord(
            doc.id() + "@1#0",
            doc.id(),
            0,
            "Expérience « chef de projet » 🚀 à Montréal",
            "CV > Expérience",
            2,
            sha256("x"),
            Map.of("speaker", "Zoé", "lang", "fr"));
    documents.stage(doc, List.of(chunk));
    documents.publish(withChunks(doc, 1));

    assertThat(documents.chunks(List.of(chunk.id(), "missing"))).containsExactly(chunk);
    assertThat(documents.chunksOf(doc.id())).containsExactly(chunk);
  }

  @Test
  void readsDocumentsByIdInBatchesAndLeavesUnknownIdsOut() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 600; i++) { // more than one IN list
      DocumentRecord doc = document("a1", i % 2 == 0 ? null : "alice", "n" + i + ".txt", "c" + i);
      publish(documents, doc, "text " + i);
      ids.add(doc.id());
    }
    DocumentRecord other = document("a2", null, "other.txt", "other");
    publish(documents, other, "other");
    ids.add("unknown");
    ids.add(ids.get(0)); // a duplicate

    Map<String, DocumentRecord> found = documents.byIds(ids);

    assertThat(found).hasSize(600).doesNotContainKey("unknown").doesNotContainKey(other.id());
    DocumentRecord one = Objects.requireNonNull(found.get(ids.get(1)));
    assertThat(one.name()).isEqualTo("n1.txt");
    assertThat(one.ownerId()).isEqualTo("alice");
    assertThat(one.chunkCount()).isEqualTo(1);
    assertThat(documents.byIds(List.of())).isEmpty();
  }

  @Test
  void readsMoreChunksThanOneInListHolds() {
    DocumentRecord doc = document("a1", null, "big.txt", "big");
    String[] texts = new String[1_234];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = "chunk " + i;
    }
    List<ChunkRecord> chunks = publish(documents, doc, texts);

    List<String> ids = chunks.stream().map(ChunkRecord::id).toList();
    assertThat(documents.chunks(ids)).hasSize(texts.length);
  }

  @Test
  void deletingADocumentCascadesToItsChunksButKeepsEmbeddings() {
    DocumentRecord doc = document("a1", null, "notes.txt", "v1");
    List<ChunkRecord> chunks = publish(documents, doc, "a", "b");
    documents.putEmbeddings("m", Map.of(sha256("a"), new float[] {1f}));

    documents.delete(doc.id());

    assertThat(documents.findByLocation("a1", doc.location())).isEmpty();
    assertThat(documents.chunks(chunks.stream().map(ChunkRecord::id).toList())).isEmpty();
    assertThat(documents.chunksOf(doc.id())).isEmpty();
    assertThat(documents.embeddings("m", List.of(sha256("a")))).containsKey(sha256("a"));
  }

  @Test
  void roundTripsEmbeddingsBitExactAndKeepsTheFirstOneCached() {
    Random random = new Random(42);
    Map<String, float[]> vectors = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      float[] v = new float[384];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      vectors.put("h" + i, v);
    }
    float[] special = {
      Float.MIN_VALUE,
      -0.0f,
      Float.MAX_VALUE,
      Float.NaN,
      Float.NEGATIVE_INFINITY,
      Float.intBitsToFloat(0x7fc00123)
    };
    vectors.put("special", special);
    documents.putEmbeddings("minilm", vectors);
    documents.putEmbeddings("minilm", Map.of("h0", new float[] {9f}));

    Map<String, float[]> read =
        documents.embeddings("minilm", List.of("h0", "h1", "special", "absent"));

    assertThat(read).containsOnlyKeys("h0", "h1", "special");
    for (String key : read.keySet()) {
      float[] expected = Objects.requireNonNull(vectors.get(key));
      float[] actual = read.get(key);
      assertThat(actual).hasSameSizeAs(expected);
      for (int j = 0; j < expected.length; j++) {
        assertThat(Float.floatToRawIntBits(actual[j]))
            .isEqualTo(Float.floatToRawIntBits(expected[j]));
      }
    }
    assertThat(documents.embeddings("other-model", List.of("h0"))).isEmpty();
  }

  @Test
  void indexRecordsHoldOnlyReadyChunksOfTheAgentWithAnEmbeddingOfTheModel() {
    DocumentRecord shared = document("a1", null, "shared.txt", "s");
    DocumentRecord privateDoc = document("a1", "alice", "private.txt", "p");
    DocumentRecord indexing = document("a1", null, "indexing.txt", "i");
    DocumentRecord otherAgent = document("a2", null, "other.txt", "o");
    publish(documents, shared, "s0", "s1", "no-embedding");
    publish(documents, privateDoc, "p0");
    documents.stage(indexing, chunks(indexing, "i0"));
    publish(documents, otherAgent, "o0");
    // A staged next version of the shared document: not what an index is built from.
    DocumentRecord sharedV2 = document("a1", null, "shared.txt", "s-v2", 2);
    documents.stage(sharedV2, chunks(sharedV2, "s0"));
    Map<String, float[]> vectors = new HashMap<>();
    for (String text : List.of("s0", "s1", "p0", "i0", "o0")) {
      vectors.put(sha256(text), new float[] {text.charAt(0), text.charAt(1)});
    }
    documents.putEmbeddings("m", vectors);
    documents.putEmbeddings("other-model", Map.of(sha256("no-embedding"), new float[] {1f}));

    List<VectorRecord> records = documents.indexRecords("a1", "m");

    assertThat(records)
        .extracting(VectorRecord::id)
        .containsExactlyInAnyOrder(
            shared.id() + "@1#0", shared.id() + "@1#1", privateDoc.id() + "@1#0");
    VectorRecord s0 =
        records.stream().filter(r -> r.id().equals(shared.id() + "@1#0")).findFirst().orElseThrow();
    assertThat(s0.vector()).containsExactly('s', '0');
    assertThat(s0.metadata())
        .isEqualTo(Map.of(VectorRecord.AGENT_ID, "a1", VectorRecord.DOCUMENT_ID, shared.id()));
    VectorRecord p0 =
        records.stream()
            .filter(r -> r.id().equals(privateDoc.id() + "@1#0"))
            .findFirst()
            .orElseThrow();
    assertThat(p0.metadata())
        .isEqualTo(
            Map.of(
                VectorRecord.AGENT_ID,
                "a1",
                VectorRecord.DOCUMENT_ID,
                privateDoc.id(),
                VectorRecord.OWNER_ID,
                "alice"));
    assertThat(documents.countChunks("a1")).isEqualTo(4);
    assertThat(documents.countChunks("a2")).isEqualTo(1);
    assertThat(documents.indexRecords("a1", "unknown-model")).isEmpty();
  }

  @Test
  void listsTheAgentsDocumentsByName() {
    for (String name : List.of("zèbre.md", "alpha.txt", "Mémo.txt")) {
      DocumentRecord doc = document("a1", null, name, name);
      publish(documents, doc, name);
    }
    DocumentRecord other = document("a2", null, "beta.txt", "b");
    publish(documents, other);

    assertThat(documents.list("a1"))
        .extracting(DocumentRecord::name)
        .containsExactly("Mémo.txt", "alpha.txt", "zèbre.md");
    assertThat(documents.list("a2")).extracting(DocumentRecord::chunkCount).containsExactly(0);
    assertThat(documents.list("nobody")).isEmpty();
  }

  @Test
  void rejectsChunksOfAnotherDocumentAndDuplicateOrdinals() {
    DocumentRecord doc = document("a1", null, "a.txt", "a");
    DocumentRecord other = document("a1", null, "b.txt", "b");

    assertThatThrownBy(() -> documents.stage(doc, chunks(other, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(other.id());
    List<ChunkRecord> duplicate = new ArrayList<>(chunks(doc, "x"));
    duplicate.add(
        new ChunkRecord(doc.id() + "#other", doc.id(), 0, "y", null, null, "h", Map.of()));
    assertThatThrownBy(() -> documents.stage(doc, duplicate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ordinal 0");
    assertThat(documents.list("a1")).isEmpty();
  }

  @Test
  void rejectsASecondIdForTheSameLocation() {
    DocumentRecord doc = document("a1", null, "a.txt", "a");
    documents.stage(doc, List.of());
    DocumentRecord sameLocation =
        new DocumentRecord(
            "another-id",
            "a1",
            null,
            "a.txt",
            doc.location(),
            "txt",
            "h",
            DocumentStatus.INDEXING,
            1,
            0,
            doc.updatedAt());

    assertThatThrownBy(() -> documents.stage(sameLocation, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(doc.id());
  }

  @Test
  void rollsBackTheWholeStagingWhenAChunkCannotBeWritten() {
    DocumentRecord doc = document("a1", null, "a.txt", "v1");
    publish(documents, doc, "a", "b");
    DocumentRecord otherDoc = document("a1", null, "b.txt", "b");
    publish(documents, otherDoc, "z");
    DocumentRecord v2 = document("a1", null, "a.txt", "v2", 2);
    // Chunk id already used by the other document: the primary key rejects it mid-transaction.
    List<ChunkRecord> clash =
        List.of(
            new ChunkRecord(
                otherDoc.id() + "@1#0", v2.id(), 0, "c", null, null, sha256("c"), Map.of()));

    assertThatThrownBy(() -> documents.stage(v2, clash))
        .isInstanceOf(io.elavira.ElaviraException.class)
        .hasMessageContaining("a.txt")
        .hasMessageNotContaining("\"c\"");
    DocumentRecord stored = documents.findByLocation("a1", doc.location()).orElseThrow();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(documents.latestVersion(doc.id())).isEqualTo(1);
    assertThat(documents.chunksOf(doc.id()))
        .extracting(ChunkRecord::text)
        .containsExactly("a", "b");
  }
}
