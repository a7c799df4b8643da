package io.elavira.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridRetrieverTest {
  /** Every question embeds along the first axis: the stored vectors alone decide dense ranks. */
  static final EmbeddingModel QUERY_AXIS =
      new EmbeddingModel() {
        @Override
        public String modelId() {
          return "axis";
        }

        @Override
        public int dimension() {
          return 2;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
          return texts.stream().map(t -> new float[] {1, 0}).toList();
        }
      };

  @TempDir Path dir;
  ElaviraStore store;
  final InMemoryVectorStore vectors = new InMemoryVectorStore();
  final WordOverlapIndex words = new WordOverlapIndex();

  @BeforeEach
  void open() {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
  }

  @AfterEach
  void close() {
    store.close();
    vectors.close();
  }

  @Test
  void fusesBothSidesSoAPassageBothFindRanksFirstAndEachSideAddsItsOwnFinds() {
    index("a1", "semantic.txt", null, "nothing in common here", cosine(0.9));
    index("a1", "both.txt", null, "invoice number 4711 is overdue", cosine(0.8));
    index("a1", "lexical.txt", null, "invoice 4711 copy", cosine(-0.5));
    index("a1", "neither.txt", null, "weather today", cosine(-0.9));

    // minScore 0: the dense side returns only the two passages pointing towards the question.
    // Equal weights (standard RRF), so that each side's own find ranks by its rank alone.
    Retrieval result =
        retriever()
            .lexicalWeight(1)
            .build()
            .search(new RetrievalQuery("a1", "alice", "invoice 4711 overdue", 3, 0));

    assertThat(result.passages())
        .extracting(p -> p.source().document())
        .containsExactly("both.txt", "semantic.txt", "lexical.txt");
    Passage both = result.passages().get(0);
    assertThat(both.denseRank()).isEqualTo(2);
    assertThat(both.lexicalRank()).isEqualTo(1);
    assertThat(both.denseScore()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(both.source().score())
        .isCloseTo(1.0 / 62 + 1.0 / 61, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void byDefaultTheLexicalSideCountsTwiceTheDenseSide() {
    index("a1", "both.txt", null, "invoice number 4711 is overdue", cosine(0.8));

    Passage both =
        retriever()
            .build()
            .search(new RetrievalQuery("a1", "alice", "invoice 4711 overdue", 3, 0))
            .passages()
            .get(0);

    assertThat(both.source().score())
        .isCloseTo(1.0 / 61 + 2.0 / 61, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void weightsDecideWhichSideWinsAndZeroTurnsASideOff() {
    index("a1", "semantic.txt", null, "nothing in common", cosine(0.9));
    index("a1", "lexical.txt", null, "invoice 4711", cosine(0.1)); // below minScore 0.2

    assertThat(documents(retriever().lexicalWeight(3).build(), "invoice 4711"))
        .containsExactly("lexical.txt", "semantic.txt");
    assertThat(documents(retriever().denseWeight(3).build(), "invoice 4711"))
        .containsExactly("semantic.txt", "lexical.txt");
    assertThat(documents(retriever().lexicalWeight(0).build(), "invoice 4711"))
        .containsExactly("semantic.txt");
    assertThat(documents(retriever().denseWeight(0).build(), "invoice 4711"))
        .containsExactly("lexical.txt");
  }

  @Test
  void convexFusionKeepsAStrongDenseLeadThatRankFusionGivesToAWeakDoubleMatch() {
    index("a1", "semantic.txt", null, "nothing in common here", cosine(0.9));
    index("a1", "weak-both.txt", null, "invoice", cosine(0.89));
    index("a1", "lexical.txt", null, "invoice 4711 overdue", cosine(0.5));
    index("a1", "far.txt", null, "weather today", cosine(0.1));
    RetrievalQuery question = new RetrievalQuery("a1", "alice", "invoice 4711 overdue", 4, -1);

    List<Passage> rank = retriever().lexicalWeight(1).build().search(question).passages();
    List<Passage> convex =
        retriever()
            .lexicalWeight(1)
            .fusion(Fusion.CONVEX_MIN_MAX)
            .build()
            .search(question)
            .passages();

    // Ranks only: weak-both.txt is 2nd on both sides, which beats semantic.txt's dense 1st.
    assertThat(rank)
        .extracting(p -> p.source().document())
        .containsExactly("lexical.txt", "weak-both.txt", "semantic.txt", "far.txt");
    // Scores: semantic.txt's cosine is the dense best (1), weak-both.txt is the lexical last (0).
    assertThat(convex)
        .extracting(p -> p.source().document())
        .containsExactly("lexical.txt", "semantic.txt", "weak-both.txt", "far.txt");
    // lexical.txt: dense (0.5 - 0.1) / (0.9 - 0.1) = 0.5, lexical best = 1.
    assertThat(convex.get(0).source().score())
        .isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void collapsesTheSameTextInTwoFilesIntoOneSourceNamingBoth() {
    index("a1", "terms-2024.txt", null, "refunds within 14 days", cosine(0.9));
    index("a1", "terms-copy.txt", null, "refunds within 14 days", cosine(0.89));
    index("a1", "other.txt", null, "delivery in 3 days", cosine(0.5));

    HybridRetriever retriever = retriever().build();
    Retrieval result = retriever.search(query("refunds", 2));
    List<Source> sources = retriever.retrieve(query("refunds", 2));

    assertThat(result.passages()).hasSize(2);
    assertThat(result.passages().get(0).documents())
        .containsExactly("terms-2024.txt", "terms-copy.txt");
    assertThat(sources)
        .extracting(Source::document)
        .containsExactly("terms-2024.txt (also in terms-copy.txt)", "other.txt");
    assertThat(sources.get(0).paths())
        .containsExactly("/docs/terms-2024.txt", "/docs/terms-copy.txt");
    assertThat(sources.get(1).paths()).containsExactly("/docs/other.txt");
  }

  @Test
  void neverReturnsAnotherAgentsOrAnotherUsersPassagesFromEitherSide() {
    index("a1", "shared.txt", null, "salary slip", cosine(0.1));
    index("a1", "alice.txt", "alice", "salary slip april", cosine(0.2));
    index("a1", "bob.txt", "bob", "salary slip march", cosine(0.9));
    index("a2", "other-agent.txt", null, "salary slip march", cosine(0.95));

    assertThat(documents(retriever().build(), "salary slip march"))
        .containsExactlyInAnyOrder("shared.txt", "alice.txt");
  }

  @Test
  void flagsAWeakMatchWhenTheBestCosineIsBelowTheThreshold() {
    index("a1", "far.txt", null, "invoice 4711", cosine(0.3));

    assertThat(retriever().weakMatchBelow(0.5).build().search(query("invoice", 5)).weakMatch())
        .isTrue();
    assertThat(retriever().weakMatchBelow(0.2).build().search(query("invoice", 5)).weakMatch())
        .isFalse();
    assertThat(retriever().denseWeight(0).build().search(query("invoice", 5)).weakMatch())
        .isFalse();
    assertThat(retriever().denseWeight(0).build().search(query("weather", 5)).weakMatch()).isTrue();
  }

  @Test
  void withoutAThresholdTheModelsOwnAppliesAndTheMiniLmDefaultWhenItDeclaresNone() {
    index("a1", "middling.txt", null, "invoice 4711", cosine(0.7));
    EmbeddingModel declaring =
        new EmbeddingModel() {
          @Override
          public String modelId() {
            return "axis-measured";
          }

          @Override
          public int dimension() {
            return 2;
          }

          @Override
          public List<float[]> embedAll(List<String> texts) {
            return QUERY_AXIS.embedAll(texts);
          }

          @Override
          public java.util.OptionalDouble weakMatchBelow() {
            return java.util.OptionalDouble.of(0.8);
          }
        };
    HybridRetriever.Builder measured =
        HybridRetriever.builder(declaring, vectors, words, store.documents());

    assertThat(measured.build().search(query("invoice", 5)).weakMatch()).as("0.7 < 0.8").isTrue();
    assertThat(retriever().build().search(query("invoice", 5)).weakMatch())
        .as("0.7 >= the default 0.62")
        .isFalse();
    assertThat(
            HybridRetriever.builder(declaring, vectors, words, store.documents())
                .weakMatchBelow(0.6)
                .build()
                .search(query("invoice", 5))
                .weakMatch())
        .as("set: 0.7 >= 0.6")
        .isFalse();
  }

  @Test
  void anEmptyIndexIsAWeakMatchWithNoPassageNotAnError() {
    Retrieval result = retriever().build().search(query("anything", 5));

    assertThat(result.passages()).isEmpty();
    assertThat(result.weakMatch()).isTrue();
  }

  @Test
  void skipsHitsWhoseChunkNoLongerExists() {
    String id = index("a1", "gone.txt", null, "invoice", cosine(0.9));
    index("a1", "kept.txt", null, "invoice", cosine(0.5));
    store.documents().delete(id);

    assertThat(documents(retriever().build(), "invoice")).containsExactly("kept.txt");
  }

  @Test
  void builderRejectsTwiceSetOptionsBadValuesAndBothSidesOff() {
    HybridRetriever.Builder b = retriever().rrfK(10).fusion(Fusion.CONVEX_MIN_MAX);
    assertThatThrownBy(() -> b.rrfK(20)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.fusion(Fusion.RECIPROCAL_RANK))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> retriever().denseWeight(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retriever().weakMatchBelow(2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retriever().denseWeight(0).lexicalWeight(0).build())
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- helpers ----

  private HybridRetriever.Builder retriever() {
    return HybridRetriever.builder(QUERY_AXIS, vectors, words, store.documents());
  }

  private static RetrievalQuery query(String text, int topK) {
    return new RetrievalQuery("a1", "alice", text, topK, -1);
  }

  /** The documents retrieved, dense hits below cosine 0.2 dropped. */
  private static List<String> documents(HybridRetriever retriever, String question) {
    return retriever.retrieve(new RetrievalQuery("a1", "alice", question, 10, 0.2)).stream()
        .map(Source::document)
        .toList();
  }

  /** A 2-d unit vector whose cosine with the question's axis is {@code cos}. */
  private static float[] cosine(double cos) {
    return new float[] {(float) cos, (float) Math.sqrt(1 - cos * cos)};
  }

  private String index(String agentId, String name, String ownerId, String text, float[] vector) {
    String id = agentId + ":" + name;
    String hash = Integer.toHexString(text.hashCode());
    DocumentRecord document =
        new DocumentRecord(
            id,
            agentId,
            ownerId,
            name,
            "/docs/" + name,
            "txt",
            "doc-" + name,
            DocumentStatus.INDEXING,
            1,
            1,
            Instant.EPOCH);
    store
        .documents()
        .stage(
            document, List.of(new ChunkRecord(id + "#0", id, 0, text, null, null, hash, Map.of())));
    assertThat(store.documents().publish(document)).isTrue();
    Map<String, String> metadata = VectorRecord.chunkMetadata(agentId, id, ownerId);
    vectors.upsert(List.of(new VectorRecord(id + "#0", vector, metadata)));
    words.upsert(List.of(new LexicalRecord(id + "#0", text, metadata)));
    return id;
  }
}
