package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The vectors of {@link AnnSideBySide}: all-MiniLM-L6-v2 embeddings of 24-word windows (stride 6)
 * of real text and of the real French questions, cached in a file, and larger sets grown from them.
 * Package-private, not API.
 */
final class AnnVectors {
  /** The real text vectors. */
  final float[][] base;

  /** The question vectors. */
  final float[][] queries;

  private AnnVectors(float[][] base, float[][] queries) {
    this.base = base;
    this.queries = queries;
  }

  /** The real vectors, then midpoints of two random real vectors plus jitter, normalised. */
  static float[][] expand(float[][] base, int size) {
    float[][] out = new float[size][];
    Random random = new Random(size);
    for (int i = 0; i < size; i++) {
      if (i < base.length) {
        out[i] = base[i];
        continue;
      }
      float[] a = base[random.nextInt(base.length)];
      float[] b = base[random.nextInt(base.length)];
      float[] v = new float[a.length];
      double norm = 0;
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) (a[d] + b[d] + 0.02 * random.nextGaussian());
        norm += v[d] * v[d];
      }
      for (int d = 0; d < v.length; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      out[i] = v;
    }
    return out;
  }

  /** Embeds (or reads from the cache) the real windows and the queries. */
  static AnnVectors read(Path shared, int real, Path cache) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path beir = shared.resolve("retrieval/fr-service-public/beir");
    List<String> questions = new ArrayList<>();
    for (String line : Files.readAllLines(beir.resolve("queries.jsonl"))) {
      questions.add(json.readTree(line).get("text").asText());
    }
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
        float[][] all = readAll(in);
        if (all.length == real + questions.size()) {
          System.err.println("read " + real + " vectors and the queries from " + cache);
          return new AnnVectors(
              Arrays.copyOf(all, real), Arrays.copyOfRange(all, real, all.length));
        }
      }
    }
    List<String> words = new ArrayList<>();
    for (String line : Files.readAllLines(beir.resolve("corpus.jsonl"))) {
      JsonNode d = json.readTree(line);
      words.addAll(Arrays.asList(d.get("text").asText().split("\\s+")));
    }
    try (Stream<Path> files = Files.walk(shared.resolve("docs"))) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.(txt|md)$")).toList()) {
        try {
          words.addAll(Arrays.asList(Files.readString(f).split("\\s+")));
        } catch (IOException e) {
          // not UTF-8: skipped
        }
      }
    }
    List<String> texts = new ArrayList<>();
    for (int start = 0; texts.size() < real; start += 6) {
      int from = start % Math.max(1, words.size() - 24);
      texts.add(
          String.join(" ", words.subList(from, from + 24))
              + (start >= words.size() ? " " + start : ""));
    }
    texts.addAll(questions);
    long t0 = System.nanoTime();
    List<float[]> embedded;
    try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2()) {
      embedded = model.embedAll(texts);
    }
    System.err.printf(
        Locale.ROOT, "embedded %d texts in %.1f s%n", texts.size(), (System.nanoTime() - t0) / 1e9);
    float[][] all = embedded.toArray(new float[0][]);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(cache))) {
      out.writeInt(all.length);
      out.writeInt(all[0].length);
      for (float[] v : all) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    return new AnnVectors(Arrays.copyOf(all, real), Arrays.copyOfRange(all, real, all.length));
  }

  private static float[][] readAll(DataInputStream in) throws IOException {
    int n = in.readInt();
    int dim = in.readInt();
    float[][] all = new float[n][dim];
    for (float[] v : all) {
      for (int d = 0; d < dim; d++) {
        v[d] = in.readFloat();
      }
    }
    return all;
  }
}
