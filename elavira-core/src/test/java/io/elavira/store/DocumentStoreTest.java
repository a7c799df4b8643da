package io.elavira.store;

import static io.elavira.store.StoreFixtures.chunks;
import static io.elavira.store.StoreFixtures.document;
import static io.elavira.store.StoreFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  void savesANewDocumentAsIndexingVersionOneWithItsChunks() {
    DocumentRecord doc = document("a1", null, "notes.txt", "content");
    documents.save(doc, chunks(doc, "premier", "second", "troisième"));

    DocumentRecord stored = documents.findByLocation("a1", doc.location()).orElseThrow();
    assertThat(stored.status()).isEqualTo(DocumentStatus.INDEXING);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.chunkCount()).isEqualTo(3);
    assertThat(stored.ownerId()).isNull();
    assertThat(documents.withStatus(DocumentStatus.INDEXING))
        .extracting(DocumentRecord::id)
        .containsExactly(doc.id());
    assertThat(documents.chunksOf(doc.id()))
        .extracting(ChunkRecord::ordinal)
        .containsExactly(0, 1, 2);
  }

  @Test
  void replacesChunksAndBumpsTheVersionOnlyWhenTheContentChanged() {
    DocumentRecord v1 = document("a1", null, "notes.txt", "v1");
    documents.save(v1, chunks(v1, "a", "b", "c"));
    documents.markReady(v1.id());

    DocumentRecord v2 = document("a1", null, "notes.txt", "v2");
    documents.save(v2, chunks(v2, "x", "y"));
    DocumentRecord afterChange = documents.findByLocation("a1", v1.location()).orElseThrow();
    assertThat(afterChange.version()).isEqualTo(2);
    assertThat(afterChange.status()).isEqualTo(DocumentStatus.INDEXING);
    assertThat(afterChange.chunkCount()).isEqualTo(2);
    assertThat(documents.chunksOf(v1.id())).extracting(ChunkRecord::text).containsExactly("x", "y");
    assertThat(documents.chunks(List.of(v1.id() + "#2"))).isEmpty();

    documents.save(v2, chunks(v2, "x", "y"));
    assertThat(documents.findByLocation("a1", v1.location()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void keepsChunkFieldsAndMetadata() {
    DocumentRecord doc = document("a1", null, "cv.pdf", "cv");
    ChunkRecord chunk =
        new ChunkRecord(
            doc.id() + "#0",
            doc.id(),
            0,
            "Expérience « chef de projet » 🚀 à Montréal",
            "CV > Expérience",
            2,
            sha256("x"),
            Map.of("speaker", "Zoé", "lang", "fr"));
    documents.save(doc, List.of(chunk));

    assertThat(documents.chunks(List.of(chunk.id(), "missing"))).containsExactly(chunk);
    assertThat(documents.chunksOf(doc.id())).containsExactly(chunk);
  }

  @Test
  void readsDocumentsByIdInBatchesAndLeavesUnknownIdsOut() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 600; i++) { // more than one IN list
      DocumentRecord doc = document("a1", i % 2 == 0 ? null : "alice", "n" + i + ".txt", "c" + i);
      documents.save(doc, chunks(doc, "text " + i));
      ids.add(doc.id());
    }
    DocumentRecord other = document("a2", null, "other.txt", "other");
    documents.save(other, chunks(other, "other"));
    ids.add("unknown");
    ids.add(ids.get(0)); // a duplicate

    Map<String, DocumentRecord> found = documents.byIds(ids);

    assertThat(found).hasSize(600).doesNotContainKey("unknown").doesNotContainKey(other.id());
    DocumentRecord one = found.get(ids.get(1));
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
    List<ChunkRecord> chunks = chunks(doc, texts);
    documents.save(doc, chunks);

    List<String> ids = chunks.stream().map(ChunkRecord::id).toList();
    assertThat(documents.chunks(ids)).hasSize(texts.length);
  }

  @Test
  void deletingADocumentCascadesToItsChunksButKeepsEmbeddings() {
    DocumentRecord doc = document("a1", null, "notes.txt", "v1");
    List<ChunkRecord> chunks = chunks(doc, "a", "b");
    documents.save(doc, chunks);
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
      float[] expected = vectors.get(key);
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
    documents.save(shared, chunks(shared, "s0", "s1", "no-embedding"));
    documents.save(privateDoc, chunks(privateDoc, "p0"));
    documents.save(indexing, chunks(indexing, "i0"));
    documents.save(otherAgent, chunks(otherAgent, "o0"));
    documents.markReady(shared.id());
    documents.markReady(privateDoc.id());
    documents.markReady(otherAgent.id());
    Map<String, float[]> vectors = new HashMap<>();
    for (String text : List.of("s0", "s1", "p0", "i0", "o0")) {
      vectors.put(sha256(text), new float[] {text.charAt(0), text.charAt(1)});
    }
    documents.putEmbeddings("m", vectors);
    documents.putEmbeddings("other-model", Map.of(sha256("no-embedding"), new float[] {1f}));

    List<VectorRecord> records = documents.indexRecords("a1", "m");

    assertThat(records)
        .extracting(VectorRecord::id)
        .containsExactlyInAnyOrder(shared.id() + "#0", shared.id() + "#1", privateDoc.id() + "#0");
    VectorRecord s0 =
        records.stream().filter(r -> r.id().equals(shared.id() + "#0")).findFirst().orElseThrow();
    assertThat(s0.vector()).containsExactly('s', '0');
    assertThat(s0.metadata())
        .isEqualTo(Map.of(VectorRecord.AGENT_ID, "a1", VectorRecord.DOCUMENT_ID, shared.id()));
    VectorRecord p0 =
        records.stream()
            .filter(r -> r.id().equals(privateDoc.id() + "#0"))
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
      documents.save(doc, chunks(doc, name));
    }
    DocumentRecord other = document("a2", null, "beta.txt", "b");
    documents.save(other, List.of());

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

    assertThatThrownBy(() -> documents.save(doc, chunks(other, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(other.id());
    List<ChunkRecord> duplicate = new ArrayList<>(chunks(doc, "x"));
    duplicate.add(
        new ChunkRecord(doc.id() + "#other", doc.id(), 0, "y", null, null, "h", Map.of()));
    assertThatThrownBy(() -> documents.save(doc, duplicate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ordinal 0");
    assertThat(documents.list("a1")).isEmpty();
  }

  @Test
  void rejectsASecondIdForTheSameLocation() {
    DocumentRecord doc = document("a1", null, "a.txt", "a");
    documents.save(doc, List.of());
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

    assertThatThrownBy(() -> documents.save(sameLocation, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(doc.id());
  }

  @Test
  void rollsBackTheWholeSaveWhenAChunkCannotBeWritten() {
    DocumentRecord doc = document("a1", null, "a.txt", "v1");
    documents.save(doc, chunks(doc, "a", "b"));
    DocumentRecord otherDoc = document("a1", null, "b.txt", "b");
    documents.save(otherDoc, chunks(otherDoc, "z"));
    DocumentRecord v2 = document("a1", null, "a.txt", "v2");
    // Chunk id already used by the other document: the primary key rejects it mid-transaction.
    List<ChunkRecord> clash =
        List.of(
            new ChunkRecord(
                otherDoc.id() + "#0", v2.id(), 0, "c", null, null, sha256("c"), Map.of()));

    assertThatThrownBy(() -> documents.save(v2, clash))
        .isInstanceOf(io.elavira.ElaviraException.class)
        .hasMessageContaining("a.txt")
        .hasMessageNotContaining("\"c\"");
    DocumentRecord stored = documents.findByLocation("a1", doc.location()).orElseThrow();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(documents.chunksOf(doc.id()))
        .extracting(ChunkRecord::text)
        .containsExactly("a", "b");
  }
}
