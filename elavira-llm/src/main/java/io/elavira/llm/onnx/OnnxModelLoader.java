package io.elavira.llm.onnx;

import io.elavira.ElaviraException;
import io.elavira.llm.onnx.internal.BertTokenizer;
import io.elavira.llm.onnx.internal.ModelFiles;
import io.elavira.llm.onnx.internal.OnnxEncoder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what an {@link OnnxEmbeddingModel} runs on: finds the model and tokenizer files (the
 * bundled all-MiniLM-L6-v2, two paths, or a HuggingFace model folder), opens the ONNX session on a
 * short-lived thread while this thread reads the tokenizer, and settles the profile and the model
 * id. The builder validates its options; this class turns them into a loaded model. Not API.
 *
 * <p>Stateless; each {@link #load} call loads its own session. When loading fails after the session
 * load started, the session is closed whenever that load ends, so nothing leaks.
 */
final class OnnxModelLoader {
  // The category of the model's own log lines, as before this class existed.
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbeddingModel.class);

  private OnnxModelLoader() {}

  /**
   * What a model was loaded with.
   *
   * @param modelId the id stored next to each vector
   * @param profile the profile in use, its length already set
   * @param tokenizer the model's WordPiece tokenizer
   * @param encoder the open ONNX session; the caller owns it
   */
  record Loaded(
      String modelId, EmbeddingProfile profile, BertTokenizer tokenizer, OnnxEncoder encoder) {}

  /**
   * Loads the tokenizer and the ONNX session.
   *
   * @param modelPath the ONNX file, set together with {@code tokenizerPath}; null for the folder or
   *     the bundled model
   * @param tokenizerPath the tokenizer.json, set together with {@code modelPath}
   * @param modelDirectory a HuggingFace model folder, instead of the two paths; or null
   * @param profile the profile asked for, or null for the model's default
   * @param modelId the id asked for, or null for the default id
   * @param maxSequenceLength the length asked for instead of the profile's, or 0
   * @param intraOpThreads ONNX Runtime threads per call
   * @throws IllegalArgumentException when the length leaves no room next to the special tokens
   * @throws UnsupportedTokenizerException when the tokenizer.json is not a WordPiece one
   * @throws ElaviraException when a file is missing or unreadable, or is not a supported model
   */
  static Loaded load(
      @Nullable Path modelPath,
      @Nullable Path tokenizerPath,
      @Nullable Path modelDirectory,
      @Nullable EmbeddingProfile profile,
      @Nullable String modelId,
      int maxSequenceLength,
      int intraOpThreads) {
    long start = System.nanoTime();
    Path file = modelPath;
    Path tokenizerFile = tokenizerPath;
    String name = file == null ? OnnxEmbeddingModel.MINILM_MODEL_ID : ModelFiles.stem(file);
    if (modelDirectory != null) {
      ModelFiles.Folder folder = ModelFiles.folder(modelDirectory);
      file = folder.model();
      tokenizerFile = folder.tokenizer();
      name = folder.name();
    }
    boolean bundled = file == null || tokenizerFile == null;
    if (file != null) {
      ModelFiles.requireModelFile(file);
    }
    CompletableFuture<OnnxEncoder> loading =
        OnnxEncoder.openAsync(bundled ? null : file, intraOpThreads);
    OnnxEncoder encoder = null;
    try {
      BertTokenizer tokenizer =
          tokenizerFile == null
              ? ModelFiles.readBundledTokenizer()
              : ModelFiles.readTokenizer(tokenizerFile);
      EmbeddingProfile defaults =
          bundled
              ? EmbeddingProfile.ALL_MINILM_L6_V2
              : ModelFiles.defaultProfile(
                  tokenizer, OnnxEmbeddingModel.FALLBACK_MAX_SEQUENCE_LENGTH);
      EmbeddingProfile chosen = profile != null ? profile : defaults;
      if (maxSequenceLength != 0) {
        chosen = chosen.withMaxLength(maxSequenceLength);
      }
      if (chosen.maxLength() <= tokenizer.specialTokenCount()) {
        throw new IllegalArgumentException(
            "maxSequenceLength "
                + chosen.maxLength()
                + " leaves no room next to the special tokens");
      }
      String id =
          modelId != null ? modelId : chosen.equals(defaults) ? name : name + "+" + chosen.id();
      encoder = OnnxEncoder.await(loading);
      LOG.debug(
          "loaded ONNX embedding model {} ({} dimensions, {} threads) in {} ms",
          id,
          encoder.dimension(),
          intraOpThreads,
          (System.nanoTime() - start) / 1_000_000);
      return new Loaded(id, chosen, tokenizer, encoder);
    } finally {
      if (encoder == null) {
        // The tokenizer failed: free the session whenever its load ends.
        loading.thenAccept(OnnxEncoder::close);
      }
    }
  }
}
