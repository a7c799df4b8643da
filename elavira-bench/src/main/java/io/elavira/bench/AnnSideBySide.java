package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.chroma.ChromaVectorStore;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Top-10 search side by side, on all-MiniLM-L6-v2 vectors of real text: the embedded default
 * ({@link LuceneVectorStore}), the raw Lucene HNSW it wraps with the same parameters, the raw
 * hnswlib with the same parameters, LangChain4j's {@code InMemoryEmbeddingStore}, Elavira's exact
 * {@link InMemoryVectorStore}, and (with {@code --chroma-url}) a real Chroma server. Prints build
 * time, open time, query p50/p95 and recall@10 against the exact answer.
 *
 * <p><b>Vectors.</b> {@code --real} texts are windows of 24 words (stride 6) over the French
 * service-public.fr corpus and the English/French files of shared/data/docs, embedded once and
 * cached in {@code --cache}. Larger sizes add, for each extra vector, the normalised midpoint of
 * two random real vectors plus a small Gaussian jitter: points between real ones, as new documents
 * would be. Queries are the 105 real French questions of the BEIR set.
 *
 * <pre>
 * java -Xmx6g -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnSideBySide \
 *     --sizes 10000,100000 --chroma-url http://127.0.0.1:PORT
 * </pre>
 */
@Command(
    name = "AnnSideBySide",
    mixinStandardHelpOptions = true,
    description = "Top-10 latency and recall@10: embedded default vs raw libraries vs others.")
public final class AnnSideBySide implements Callable<Integer> {
  private static final int TOP_K = 10;
  private static final int M = LuceneVectorStore.Builder.DEFAULT_M;
  private static final int EF_CONSTRUCTION = LuceneVectorStore.Builder.DEFAULT_EF_CONSTRUCTION;
  private static final int EF_SEARCH = LuceneVectorStore.Builder.DEFAULT_EF_SEARCH;

  @Option(names = "--shared", defaultValue = "../shared/data", description = "Shared data.")
  Path shared;

  @Option(names = "--sizes", split = ",", defaultValue = "10000,100000")
  List<Integer> sizes;

  @Option(names = "--real", defaultValue = "10000", description = "Real texts to embed.")
  int real;

  @Option(names = "--cache", defaultValue = "/tmp/elavira-ann-minilm.bin")
  Path cache;

  @Option(names = "--chroma-url", description = "A Chroma server to include.")
  String chromaUrl;

  @Option(names = "--passes", defaultValue = "3", description = "Timed passes over the queries.")
  int passes;

  @Option(names = "--skip", split = ",", description = "Contenders to skip (by name prefix).")
  List<String> skip = List.of();

  private float[][] queries;

  /**
   * Runs the comparison.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AnnSideBySide()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    float[][] base = realVectors();
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d cores, max heap %d MB; M %d, efConstruction %d, efSearch %d%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        M,
        EF_CONSTRUCTION,
        EF_SEARCH);
    // JIT warm-up: every index library builds and searches a small index once, unreported.
    float[][] small = Arrays.copyOf(base, Math.min(3000, base.length));
    for (Callable<Built> warm :
        List.<Callable<Built>>of(
            () -> elavira(small), () -> rawLucene(small), () -> hnswlib(small))) {
      Built built = warm.call();
      for (float[] q : queries) {
        built.search.top(q);
      }
      built.close.run();
    }
    for (int size : sizes) {
      float[][] data = expand(base, size);
      List<List<String>> truth = exact(data);
      System.out.printf(
          Locale.ROOT,
          "%n### %,d vectors (%,d real), %d queries x %d passes%n%n"
              + "| store | build s | open s | p50 ms | p95 ms | recall@10 | disk MB |%n"
              + "|---|---|---|---|---|---|---|%n",
          size,
          Math.min(size, base.length),
          queries.length,
          passes);
      run("Elavira embedded default (Lucene HNSW, int8)", () -> elavira(data), truth);
      run("raw Lucene 9.12 HNSW, int8, same parameters", () -> rawLucene(data), truth);
      run("raw hnswlib 1.2.1, same parameters", () -> hnswlib(data), truth);
      run("LangChain4j InMemoryEmbeddingStore", () -> langchain4j(data), truth);
      run("Elavira InMemoryVectorStore (exact)", () -> exactStore(data), truth);
      if (chromaUrl != null) {
        run("Chroma 1.0 server (HTTP)", () -> chroma(data), truth);
      }
    }
    return 0;
  }

  // ---- contenders: each builds, then returns a search function ----

  private Built elavira(float[][] data) {
    Path dir = temp("elavira-lucene");
    long t0 = System.nanoTime();
    try (LuceneVectorStore store = LuceneVectorStore.builder(dir, data[0].length).build()) {
      store.addAll(records(data));
    }
    long t1 = System.nanoTime();
    LuceneVectorStore store = LuceneVectorStore.builder(dir, data[0].length).build();
    store.search(SearchRequest.of(queries[0], TOP_K, Filter.all()));
    long t2 = System.nanoTime();
    return new Built(
        t1 - t0,
        t2 - t1,
        dir,
        q ->
            store.search(SearchRequest.of(q, TOP_K, Filter.all())).stream()
                .map(SearchHit::id)
                .toList(),
        store::close);
  }

  private Built rawLucene(float[][] data) throws Exception {
    Path dir = temp("raw-lucene");
    KnnVectorsFormat format = new Lucene99HnswScalarQuantizedVectorsFormat(M, EF_CONSTRUCTION);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(
                new Lucene912Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                  }
                })
            .setRAMBufferSizeMB(64);
    long t0 = System.nanoTime();
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config)) {
      int threads = Runtime.getRuntime().availableProcessors();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> parts = new ArrayList<>();
      int per = (data.length + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * per;
        int to = Math.min(data.length, from + per);
        parts.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    Document doc = new Document();
                    doc.add(new StringField("id", "r" + i, Field.Store.YES));
                    doc.add(
                        new KnnFloatVectorField(
                            "v", data[i], VectorSimilarityFunction.DOT_PRODUCT));
                    writer.addDocument(doc);
                  }
                  return null;
                }));
      }
      for (Future<?> p : parts) {
        p.get();
      }
      pool.shutdown();
      writer.commit();
    }
    long t1 = System.nanoTime();
    FSDirectory fs = FSDirectory.open(dir);
    DirectoryReader reader = DirectoryReader.open(fs);
    IndexSearcher searcher = new IndexSearcher(reader);
    StoredFields stored = searcher.storedFields();
    Search search =
        q -> {
          ScoreDoc[] top =
              searcher.search(new KnnFloatVectorQuery("v", q, EF_SEARCH), TOP_K).scoreDocs;
          List<String> ids = new ArrayList<>(top.length);
          for (ScoreDoc d : top) {
            ids.add(stored.document(d.doc).get("id"));
          }
          return ids;
        };
    search.top(queries[0]);
    long t2 = System.nanoTime();
    return new Built(
        t1 - t0,
        t2 - t1,
        dir,
        search,
        () -> {
          reader.close();
          fs.close();
        });
  }

  /** hnswlib item. */
  record HnswItem(String id, float[] vector) implements Item<String, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private Built hnswlib(float[][] data) throws Exception {
    Path dir = temp("hnswlib");
    long t0 = System.nanoTime();
    HnswIndex<String, float[], HnswItem, Float> index =
        HnswIndex.newBuilder(data[0].length, DistanceFunctions.FLOAT_INNER_PRODUCT, data.length)
            .withM(M)
            .withEfConstruction(EF_CONSTRUCTION)
            .withEf(EF_SEARCH)
            .build();
    List<HnswItem> items = new ArrayList<>(data.length);
    for (int i = 0; i < data.length; i++) {
      items.add(new HnswItem("r" + i, data[i]));
    }
    index.addAll(items, Runtime.getRuntime().availableProcessors(), (done, max) -> {}, 10_000);
    Path file = dir.resolve("index.bin");
    try (OutputStream out = Files.newOutputStream(file)) {
      index.save(out);
    }
    long t1 = System.nanoTime();
    HnswIndex<String, float[], HnswItem, Float> loaded = HnswIndex.load(file);
    long t2 = System.nanoTime();
    return new Built(
        t1 - t0,
        t2 - t1,
        dir,
        q -> {
          List<String> ids = new ArrayList<>(TOP_K);
          for (SearchResult<HnswItem, Float> r : loaded.findNearest(q, TOP_K)) {
            ids.add(r.item().id());
          }
          return ids;
        },
        () -> {});
  }

  private Built langchain4j(float[][] data) {
    long t0 = System.nanoTime();
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    List<String> ids = new ArrayList<>(data.length);
    List<Embedding> embeddings = new ArrayList<>(data.length);
    List<TextSegment> segments = new ArrayList<>(data.length);
    for (int i = 0; i < data.length; i++) {
      ids.add("r" + i);
      embeddings.add(Embedding.from(data[i]));
      segments.add(TextSegment.from("r" + i));
    }
    store.addAll(ids, embeddings, segments);
    long t1 = System.nanoTime();
    return new Built(
        t1 - t0,
        -1,
        null,
        q ->
            store
                .search(
                    EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(q))
                        .maxResults(TOP_K)
                        .minScore(0.0) // LangChain4j scores are (1 + cosine) / 2
                        .build())
                .matches()
                .stream()
                .map(m -> m.embeddingId())
                .toList(),
        () -> {});
  }

  private Built exactStore(float[][] data) {
    long t0 = System.nanoTime();
    InMemoryVectorStore store = new InMemoryVectorStore();
    store.upsert(records(data));
    long t1 = System.nanoTime();
    return new Built(t1 - t0, -1, null, exactSearch(store), store::close);
  }

  private Built chroma(float[][] data) {
    long t0 = System.nanoTime();
    VectorStore store =
        ChromaVectorStore.builder(chromaUrl, "ann-" + data.length + "-" + System.nanoTime(), 384)
            .build();
    List<VectorRecord> records = records(data);
    for (int i = 0; i < records.size(); i += 1000) {
      store.upsert(records.subList(i, Math.min(records.size(), i + 1000)));
    }
    long t1 = System.nanoTime();
    return new Built(
        t1 - t0,
        -1,
        null,
        q ->
            store.search(SearchRequest.of(q, TOP_K, Filter.all())).stream()
                .map(SearchHit::id)
                .toList(),
        store::close);
  }

  // ---- harness ----

  private void run(String name, Callable<Built> build, List<List<String>> truth) throws Exception {
    if (skip.stream().anyMatch(name::startsWith)) {
      return;
    }
    System.gc();
    Built built = build.call();
    for (int pass = 0; pass < 3; pass++) {
      for (float[] q : queries) {
        built.search.top(q); // warm-up: the JIT compiles the search path
      }
    }
    List<Long> nanos = new ArrayList<>();
    double recall = 0;
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < queries.length; i++) {
        long t = System.nanoTime();
        List<String> ids = built.search.top(queries[i]);
        nanos.add(System.nanoTime() - t);
        if (pass == 0) {
          Set<String> hit = new HashSet<>(ids);
          recall += truth.get(i).stream().filter(hit::contains).count() / (double) TOP_K;
        }
      }
    }
    built.close.run();
    nanos.sort(Comparator.naturalOrder());
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %s | %.2f | %.2f | %.3f | %s |%n",
        name,
        built.buildNanos / 1e9,
        built.openNanos < 0
            ? "n/a (in memory)"
            : String.format(Locale.ROOT, "%.2f", built.openNanos / 1e9),
        nanos.get(nanos.size() / 2) / 1e6,
        nanos.get((int) (nanos.size() * 0.95)) / 1e6,
        recall / queries.length,
        built.dir == null ? "-" : String.format(Locale.ROOT, "%.0f", size(built.dir) / 1e6));
  }

  private List<List<String>> exact(float[][] data) {
    try (InMemoryVectorStore store = new InMemoryVectorStore()) {
      store.upsert(records(data));
      Search search = exactSearch(store);
      List<List<String>> truth = new ArrayList<>();
      for (float[] q : queries) {
        truth.add(search.top(q));
      }
      return truth;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Search exactSearch(InMemoryVectorStore store) {
    return q ->
        store.search(SearchRequest.of(q, TOP_K, Filter.all())).stream().map(SearchHit::id).toList();
  }

  private static List<VectorRecord> records(float[][] data) {
    List<VectorRecord> records = new ArrayList<>(data.length);
    for (int i = 0; i < data.length; i++) {
      records.add(
          new VectorRecord("r" + i, data[i], Map.of(VectorRecord.AGENT_ID, "agent-" + (i % 4))));
    }
    return records;
  }

  /** The real vectors, then midpoints of two random real vectors plus jitter, normalised. */
  private static float[][] expand(float[][] base, int size) {
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
  private float[][] realVectors() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path beir = shared.resolve("retrieval/fr-service-public/beir");
    List<String> questions = new ArrayList<>();
    for (String line : Files.readAllLines(beir.resolve("queries.jsonl"))) {
      questions.add(json.readTree(line).get("text").asText());
    }
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
        float[][] all = read(in);
        if (all.length == real + questions.size()) {
          queries = Arrays.copyOfRange(all, real, all.length);
          System.err.println("read " + real + " vectors and the queries from " + cache);
          return Arrays.copyOf(all, real);
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
    queries = Arrays.copyOfRange(all, real, all.length);
    return Arrays.copyOf(all, real);
  }

  private static float[][] read(DataInputStream in) throws IOException {
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

  private static Path temp(String prefix) {
    try {
      return Files.createTempDirectory("ann-" + prefix + "-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** A top-10 search. */
  @FunctionalInterface
  interface Search {
    List<String> top(float[] query) throws Exception;
  }

  /** A built contender. */
  record Built(long buildNanos, long openNanos, Path dir, Search search, Closer close) {}

  /** Releases a contender. */
  @FunctionalInterface
  interface Closer {
    void run() throws Exception;
  }
}
