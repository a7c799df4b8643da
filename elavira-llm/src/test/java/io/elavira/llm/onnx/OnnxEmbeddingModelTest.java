package io.elavira.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import io.elavira.embed.EmbeddingModel;
import io.elavira.embed.EmbeddingModelContract;
import io.elavira.llm.TokenCounter;
import io.elavira.llm.onnx.internal.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbeddingModelTest extends EmbeddingModelContract {
  private static OnnxEmbeddingModel model;

  @BeforeAll
  static void loadBundledModel() {
    model = OnnxEmbeddingModel.allMiniLmL6V2();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @Override
  protected EmbeddingModel model() {
    return model;
  }

  /**
   * The int8 model quantizes activations per batch tensor, so a text's vector depends a little on
   * its batch neighbours: about 0.99 for sentences, down to 0.95 for a two-word text like "Ok".
   */
  @Override
  protected double sameTextMinCosine() {
    return 0.93;
  }

  @Test
  void bundledModelHas384DimensionsAnd256WordPieces() {
    assertThat(model.dimension()).isEqualTo(384);
    assertThat(model.maxSequenceLength()).isEqualTo(256);
    assertThat(model.modelId()).isEqualTo("all-minilm-l6-v2-q");
  }

  @Test
  void aBatchAgreesWithOneByOneEmbedding() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(
          i % 2 == 0
              ? "Le rendez-vous numéro "
                  + i
                  + " avec le notaire est déplacé à la semaine prochaine,"
                  + " merci de confirmer votre présence et d'apporter les documents signés."
                  + " Réponse avant vendredi.".repeat(i % 4)
              : "Meeting "
                  + i
                  + " with the accountant moved to next Tuesday morning because the"
                  + " quarterly figures are late. Please confirm your attendance."
                      .repeat(1 + i % 3));
    }
    List<float[]> batched = model.embedAll(texts);
    double sum = 0;
    for (int i = 0; i < texts.size(); i++) {
      double similarity = cosine(batched.get(i), model.embed(texts.get(i)));
      assertThat(similarity).as("text %d", i).isGreaterThanOrEqualTo(0.97);
      sum += similarity;
    }
    assertThat(sum / texts.size()).as("mean cosine batch vs alone").isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void placesAFrenchCancellationQuestionNearCancellationSentences() {
    float[] question = model.embed("Comment puis-je annuler ma réservation ?");
    float[] french = model.embed("Vous pouvez annuler votre réservation sans frais jusqu'à 24 h.");
    float[] english = model.embed("You can cancel your booking free of charge up to 24 hours.");
    float[] unrelated = model.embed("The recipe needs two eggs, flour and a pinch of salt.");
    assertThat(cosine(question, french)).isGreaterThan(cosine(question, unrelated) + 0.1);
    assertThat(cosine(question, english)).isGreaterThan(cosine(question, unrelated));
  }

  @Test
  void truncatesTextsLongerThanTheSequenceLength() {
    String head = "Elavira keeps personal documents on this machine. ";
    float[] longText = model.embed(head + "filler words ".repeat(2000));
    float[] cut = model.embed(head + "filler words ".repeat(200));
    assertThat(longText).hasSize(384);
    assertThat(cosine(longText, cut)).isGreaterThan(0.99);
  }

  @Test
  void countsWordPiecesWithoutSpecialTokens() {
    TokenCounter counter = model.tokenCounter();
    assertThat(counter.count("")).isZero();
    assertThat(counter.count("hello world")).isEqualTo(2);
    assertThat(counter.count("hello, world")).isEqualTo(3);
    assertThat(counter.count("word ".repeat(1000))).isEqualTo(1000);
  }

  @Test
  void servesConcurrentCallers() throws Exception {
    List<String> texts = List.of("alpha beta gamma", "réservation annulée", "third text here");
    List<float[]> expected = model.embedAll(texts);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> model.embedAll(texts)));
      }
      for (Future<List<float[]>> f : futures) {
        List<float[]> got = f.get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(cosine(got.get(i), expected.get(i))).isGreaterThanOrEqualTo(0.999);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loadsAModelAndTokenizerFromFiles(@TempDir Path dir) throws IOException {
    Path onnx = copyResource(ModelFiles.MINILM_MODEL_RESOURCE, dir.resolve("mini.onnx"));
    Path tok = copyResource(ModelFiles.MINILM_TOKENIZER_RESOURCE, dir.resolve("tok.json"));
    try (OnnxEmbeddingModel fromFiles =
        OnnxEmbeddingModel.builder().modelPath(onnx).tokenizerPath(tok).batchSize(4).build()) {
      assertThat(fromFiles.modelId()).isEqualTo("mini");
      assertThat(fromFiles.maxSequenceLength()).as("tokenizer.json truncation").isEqualTo(128);
      assertThat(cosine(fromFiles.embed("same text"), model.embed("same text")))
          .isGreaterThan(0.999);
    }
  }

  @Test
  void namesTheMissingModelFile(@TempDir Path dir) throws IOException {
    Path tok = copyResource(ModelFiles.MINILM_TOKENIZER_RESOURCE, dir.resolve("tok.json"));
    Path missing = dir.resolve("no-such-model.onnx");
    assertThatThrownBy(
            () -> OnnxEmbeddingModel.builder().modelPath(missing).tokenizerPath(tok).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void namesAFileThatIsNotAnOnnxModel(@TempDir Path dir) throws IOException {
    Path tok = copyResource(ModelFiles.MINILM_TOKENIZER_RESOURCE, dir.resolve("tok.json"));
    Path bogus = Files.writeString(dir.resolve("bogus.onnx"), "not a model");
    assertThatThrownBy(
            () -> OnnxEmbeddingModel.builder().modelPath(bogus).tokenizerPath(tok).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(bogus.toString());
  }

  @Test
  void rejectsInvalidSettingsAtOnce() {
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().intraOpThreads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().maxSequenceLength(2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelPath(Path.of("x.onnx")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenizerPath");
  }

  @Test
  void usesUpToFourIntraOpThreadsByDefault() {
    int expected = Math.min(4, Runtime.getRuntime().availableProcessors());
    assertThat(OnnxEmbeddingModel.defaultIntraOpThreads()).isEqualTo(expected);
    assertThat(model.intraOpThreads()).isEqualTo(expected);
    assertThat(model.batchSize()).isEqualTo(OnnxEmbeddingModel.DEFAULT_BATCH_SIZE);
  }

  @Test
  void closeStopsARunningCallAtItsNextBatchInsteadOfWaitingForAllOfIt() throws Exception {
    OnnxEmbeddingModel closing = OnnxEmbeddingModel.builder().batchSize(1).build();
    int n = 400;
    CountDownLatch tokenized = new CountDownLatch(1);
    // embedAll reads every text (to tokenize it) before the first batch runs.
    List<String> texts =
        new AbstractList<>() {
          @Override
          public String get(int i) {
            if (i == n - 1) {
              tokenized.countDown();
            }
            return "Le notaire confirme le rendez-vous numéro " + i + " pour la vente.";
          }

          @Override
          public int size() {
            return n;
          }
        };
    CompletableFuture<List<float[]>> running =
        CompletableFuture.supplyAsync(() -> closing.embedAll(texts));
    assertThat(tokenized.await(30, TimeUnit.SECONDS)).isTrue();
    closing.close();
    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void namesABrokenTokenizerFile(@TempDir Path dir) throws IOException {
    Path onnx = copyResource(ModelFiles.MINILM_MODEL_RESOURCE, dir.resolve("mini.onnx"));
    Path tok = Files.writeString(dir.resolve("tok.json"), "{\"model\": {\"type\": \"BPE\"}}");
    assertThatThrownBy(
            () -> OnnxEmbeddingModel.builder().modelPath(onnx).tokenizerPath(tok).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(tok.toAbsolutePath().toString())
        .hasMessageContaining("BPE");
  }

  @Test
  void saysWhenTheModelPathIsADirectory(@TempDir Path dir) throws IOException {
    Path tok = copyResource(ModelFiles.MINILM_TOKENIZER_RESOURCE, dir.resolve("tok.json"));
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelPath(dir).tokenizerPath(tok).build())
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining(dir.toAbsolutePath().toString())
        .hasMessageContaining("not a regular file");
  }

  @Test
  void refusesCallsAfterClose() {
    OnnxEmbeddingModel other = OnnxEmbeddingModel.builder().batchSize(8).build();
    other.close();
    other.close();
    assertThatThrownBy(() -> other.embed("x")).isInstanceOf(IllegalStateException.class);
  }

  private static Path copyResource(String name, Path target) throws IOException {
    try (InputStream in = OnnxEmbeddingModel.class.getClassLoader().getResourceAsStream(name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
