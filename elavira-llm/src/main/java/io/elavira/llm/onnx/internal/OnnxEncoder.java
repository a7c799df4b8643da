package io.elavira.llm.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.elavira.ElaviraException;
import io.elavira.llm.onnx.EmbeddingProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Runs a BERT-style ONNX encoder on tokenized texts in padded batches and turns its hidden states
 * into sentence vectors as the caller's profile says (mean or first-token pooling, normalised or
 * not; {@link Pooler}).
 *
 * <p>Thread-safe: ONNX Runtime sessions accept concurrent {@code run} calls. {@link #close()} waits
 * for the batches running at that moment (never for the rest of a long call), then frees the
 * session; a call still under way fails at its next batch, and later calls fail at once, with
 * {@link IllegalStateException}. Every native tensor and result is closed before a batch returns.
 */
public final class OnnxEncoder implements AutoCloseable {
  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final String LAST_HIDDEN_STATE = "last_hidden_state";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final String source;
  private final boolean needsTokenTypes;
  private final String outputName;
  private final boolean pooled;
  private final int dimension;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxEncoder(
      OrtEnvironment env, OrtSession session, OrtSession.SessionOptions options, String source)
      throws OrtException {
    this.env = env;
    this.session = session;
    this.options = options;
    this.source = source;
    Set<String> inputs = session.getInputNames();
    if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
      throw new ElaviraException(
          "ONNX model "
              + source
              + " has inputs "
              + inputs
              + "; a BERT-style encoder with input_ids and attention_mask is needed");
    }
    this.needsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    this.outputName =
        outputs.containsKey(LAST_HIDDEN_STATE)
            ? LAST_HIDDEN_STATE
            : outputs.keySet().iterator().next();
    NodeInfo info = outputs.get(outputName);
    long[] shape = info != null && info.getInfo() instanceof TensorInfo t ? t.getShape() : null;
    if (shape == null || (shape.length != 2 && shape.length != 3)) {
      throw new ElaviraException(
          "ONNX model "
              + source
              + ": output "
              + outputName
              + " is not a [batch, sequence, dimension] or [batch, dimension] tensor");
    }
    this.pooled = shape.length == 2;
    long declared = shape[shape.length - 1];
    this.dimension = declared > 0 ? (int) declared : probeDimension();
  }

  /**
   * Opens an ONNX session on a model resource (inside a jar), read once into an array of its exact
   * size when the jar declares it.
   *
   * @param model the resource
   * @param source the resource name, for error messages
   * @param intraOpThreads threads ONNX Runtime uses inside one batch
   * @throws ElaviraException when the resource cannot be read or ONNX Runtime cannot load it
   */
  public static OnnxEncoder open(URL model, String source, int intraOpThreads) {
    byte[] bytes;
    try {
      URLConnection connection = model.openConnection();
      long length = connection.getContentLengthLong();
      try (InputStream in = connection.getInputStream()) {
        if (length <= 0 || length >= Integer.MAX_VALUE - 8) {
          bytes = in.readAllBytes();
        } else {
          bytes = in.readNBytes((int) length);
          if (bytes.length != length || in.read() != -1) {
            throw new IOException("the resource is not " + length + " bytes long as declared");
          }
        }
      }
    } catch (IOException e) {
      throw new ElaviraException("cannot read " + source + " (" + e + ")", e);
    }
    return open((env, options) -> env.createSession(bytes, options), source, intraOpThreads);
  }

  /**
   * Opens an ONNX session on a model file, which ONNX Runtime reads itself (no copy on the Java
   * heap).
   *
   * @param model the model file
   * @param intraOpThreads threads ONNX Runtime uses inside one batch
   * @throws ElaviraException when ONNX Runtime cannot load the model
   */
  public static OnnxEncoder open(Path model, int intraOpThreads) {
    String file = model.toAbsolutePath().toString();
    return open((env, options) -> env.createSession(file, options), file, intraOpThreads);
  }

  /**
   * Starts opening a model file, or the bundled all-MiniLM-L6-v2 when {@code file} is null, on a
   * short-lived daemon thread, so that the caller reads the tokenizer meanwhile.
   *
   * @param file the model file, or null for the bundled model
   * @param intraOpThreads threads ONNX Runtime uses inside one batch
   * @return the session being opened; {@link #await} waits for it
   */
  public static CompletableFuture<OnnxEncoder> openAsync(@Nullable Path file, int intraOpThreads) {
    return CompletableFuture.supplyAsync(
        () ->
            file == null
                ? open(
                    ModelFiles.bundledModel(),
                    "classpath:" + ModelFiles.MINILM_MODEL_RESOURCE,
                    intraOpThreads)
                : open(file, intraOpThreads),
        task -> {
          Thread t = new Thread(task, "elavira-onnx-load");
          t.setDaemon(true);
          t.start();
        });
  }

  /**
   * Waits for {@link #openAsync} and rethrows its failure as it was thrown.
   *
   * @throws ElaviraException when the load failed or this thread was interrupted
   */
  public static OnnxEncoder await(CompletableFuture<OnnxEncoder> loading) {
    try {
      return loading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElaviraException("interrupted while loading the ONNX embedding model", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new ElaviraException("cannot load the ONNX embedding model", e.getCause());
    }
  }

  private interface SessionFactory {
    OrtSession create(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;
  }

  private static OnnxEncoder open(SessionFactory factory, String source, int intraOpThreads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    OrtSession session = null;
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // Every batch has its own [rows, width] shape: a memory plan per shape is not reused.
      options.setMemoryPatternOptimization(false);
      if (intraOpThreads > 1) {
        // Idle workers sleep instead of spinning: on a busy 2-core machine, spinning threads
        // halved the throughput of 2 threads (measured 49-101 vs 93-134 rows/s).
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
      }
      session = factory.create(env, options);
      return new OnnxEncoder(env, session, options, source);
    } catch (OrtException | RuntimeException e) {
      if (session != null) {
        closeQuietly(session);
      }
      options.close();
      if (e instanceof ElaviraException) {
        throw (ElaviraException) e;
      }
      throw new ElaviraException(
          "ONNX Runtime cannot load the model "
              + source
              + " ("
              + e.getMessage()
              + "); check that it is a valid ONNX file",
          e);
    }
  }

  /** The length of the vectors. */
  public int dimension() {
    return dimension;
  }

  /**
   * Embeds the encodings, in order, pooled and normalised as asked ({@link Pooler}). Texts are
   * sorted by length so that each batch pads little, then the vectors are put back in the caller's
   * order.
   *
   * @throws IllegalStateException when {@link #close()} was called before or during this call
   * @throws ElaviraException when inference fails
   */
  public List<float[]> embed(
      List<BertTokenizer.Encoding> encodings,
      int batchSize,
      EmbeddingProfile.Pooling pooling,
      boolean normalize) {
    int n = encodings.size();
    float[][] vectors = new float[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      List<BertTokenizer.Encoding> batch = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        batch.add(encodings.get(order[k]));
      }
      float[][] out = runLocked(batch, pooling, normalize);
      for (int k = from; k < to; k++) {
        vectors[order[k]] = out[k - from];
      }
    }
    return Arrays.asList(vectors);
  }

  /**
   * Runs one batch under the read lock, so that {@link #close()} waits for this batch only, not for
   * the rest of a long call: the session is never freed under a running batch.
   */
  private float[][] runLocked(
      List<BertTokenizer.Encoding> batch, EmbeddingProfile.Pooling pooling, boolean normalize) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException(
            "the ONNX embedding model " + source + " was closed; build a new one to embed again");
      }
      return runBatch(batch, pooling, normalize);
    } catch (OrtException e) {
      throw new ElaviraException(
          "ONNX inference failed on model " + source + " (" + e.getMessage() + ")", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private float[][] runBatch(
      List<BertTokenizer.Encoding> batch, EmbeddingProfile.Pooling pooling, boolean normalize)
      throws OrtException {
    int rows = batch.size();
    int width = 0;
    for (BertTokenizer.Encoding e : batch) {
      width = Math.max(width, e.length());
    }
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    long[] types = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      BertTokenizer.Encoding e = batch.get(r);
      System.arraycopy(e.ids(), 0, ids, r * width, e.length());
      System.arraycopy(e.typeIds(), 0, types, r * width, e.length());
      Arrays.fill(mask, r * width, r * width + e.length(), 1L);
    }
    long[] shape = {rows, width};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (needsTokenTypes) {
        inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
        OnnxTensor output = (OnnxTensor) result.get(0);
        FloatBuffer hidden = output.getFloatBuffer();
        if (pooled) {
          return Pooler.rows(hidden, rows, dimension, normalize);
        }
        int[] lengths = new int[rows];
        for (int r = 0; r < rows; r++) {
          lengths[r] = batch.get(r).length();
        }
        return Pooler.pool(hidden, lengths, width, dimension, pooling, normalize);
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Runs [CLS] [SEP] once to learn the output width when the model declares it dynamic. */
  private int probeDimension() throws OrtException {
    long[] shape = {1, 2};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[2]), shape));
      inputs.put(
          ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 1}), shape));
      if (needsTokenTypes) {
        inputs.put(
            TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[2]), shape));
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
        long[] actual = ((TensorInfo) result.get(0).getInfo()).getShape();
        return (int) actual[actual.length - 1];
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Releases the native session once the batches running now end. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(session);
      options.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing useful to do: the native memory is released with the process at worst.
    }
  }
}
