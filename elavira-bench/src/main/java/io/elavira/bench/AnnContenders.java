package io.elavira.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import io.elavira.vector.chroma.ChromaVectorStore;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The contenders of {@link AnnSideBySide}: each method builds one index over the same vectors with
 * the same parameters (M, efConstruction, ef of the embedded default), times the build and the
 * open, and returns a top-10 search. Package-private, not API.
 */
final class AnnContenders {
  static final int TOP_K = 10;
  static final int M = LuceneVectorStore.Builder.DEFAULT_M;
  static final int EF_CONSTRUCTION = LuceneVectorStore.Builder.DEFAULT_EF_CONSTRUCTION;
  static final int EF_SEARCH = LuceneVectorStore.Builder.DEFAULT_EF_SEARCH;

  private final float[] warmQuery;
  private final @Nullable String chromaUrl;
  private final ScratchFolder scratch;

  /**
   * @param warmQuery the query each index answers once when it is opened (counted in open time)
   * @param chromaUrl the Chroma server of {@link #chroma}, null when none
   * @param scratch where {@link #temp} creates the indexes' folders (the caller deletes it)
   */
  AnnContenders(float[] warmQuery, @Nullable String chromaUrl, ScratchFolder scratch) {
    this.warmQuery = warmQuery;
    this.chromaUrl = chromaUrl;
    this.scratch = scratch;
  }

  /**
   * The embedded default in {@code dir}; built there unless {@code reuse} and an index is already
   * there (then its build time is NaN). The first contender searches every record; one more per
   * filter in {@code filters} searches the same store with that filter (as an agent's search does:
   * agent and owner isolation). The records of {@code deleteIds} are deleted once it is open (an
   * index that has seen deletions: Lucene then checks every filtered document against them).
   */
  List<Built> elavira(
      float[][] data,
      Path dir,
      boolean reuse,
      int efSearch,
      List<Filter> filters,
      List<String> deleteIds) {
    boolean build = !(reuse && hasIndex(dir));
    long t0 = System.nanoTime();
    if (build) {
      try (LuceneVectorStore store = LuceneVectorStore.builder(dir, data[0].length).build()) {
        store.addAll(records(data));
      }
    }
    long t1 = System.nanoTime();
    LuceneVectorStore.Builder builder = LuceneVectorStore.builder(dir, data[0].length);
    LuceneVectorStore store = (efSearch > 0 ? builder.efSearch(efSearch) : builder).build();
    if (!deleteIds.isEmpty()) {
      store.delete(deleteIds);
    }
    store.search(SearchRequest.of(warmQuery, TOP_K, Filter.all()));
    long t2 = System.nanoTime();
    List<Built> built = new ArrayList<>();
    built.add(
        new Built(
            build ? t1 - t0 : -1, t2 - t1, dir, storeSearch(store, Filter.all()), store::close));
    for (Filter filter : filters) {
      built.add(new Built(-1, 0, dir, storeSearch(store, filter), () -> {}));
    }
    return built;
  }

  private static Search storeSearch(VectorStore store, Filter filter) {
    return q ->
        store.search(SearchRequest.of(q, TOP_K, filter)).stream().map(SearchHit::id).toList();
  }

  /**
   * Raw Lucene HNSW with the embedded default's codec parameters and segment layout (merged into
   * one) in {@code dir}, built unless {@code reuse} finds an index there: one contender per graph
   * beam in {@code efs}, all on the same reader (the first one closes it).
   */
  List<Built> rawLucene(float[][] data, Path dir, boolean reuse, List<Integer> efs)
      throws Exception {
    boolean build = !(reuse && hasIndex(dir));
    long t0 = System.nanoTime();
    if (build) {
      buildRawLucene(data, dir);
    }
    long t1 = System.nanoTime();
    FSDirectory fs = FSDirectory.open(dir);
    DirectoryReader reader = DirectoryReader.open(fs);
    IndexSearcher searcher = new IndexSearcher(reader);
    StoredFields stored = searcher.storedFields();
    List<Built> built = new ArrayList<>();
    for (int ef : efs) {
      Search search =
          q -> {
            ScoreDoc[] top = searcher.search(new KnnFloatVectorQuery("v", q, ef), TOP_K).scoreDocs;
            List<String> ids = new ArrayList<>(top.length);
            for (ScoreDoc d : top) {
              ids.add(stored.document(d.doc).get("id"));
            }
            return ids;
          };
      search.top(warmQuery);
      long t2 = System.nanoTime();
      Closer close =
          built.isEmpty()
              ? () -> {
                reader.close();
                fs.close();
              }
              : () -> {};
      built.add(new Built(build ? t1 - t0 : -1, t2 - t1, dir, search, close));
    }
    return built;
  }

  private static void buildRawLucene(float[][] data, Path dir) throws Exception {
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
    // The embedded default merges a rebuild into one segment (one graph per search): the same
    // layout here, so that the two rows differ only by what the store adds.
    forceMerge(dir, 1);
  }

  /**
   * Merges the Lucene index in {@code dir} (written with the embedded default's codec parameters)
   * down to at most {@code segments} segments, the graph merges on all cores.
   */
  static void forceMerge(Path dir, int segments) throws IOException {
    int threads = Runtime.getRuntime().availableProcessors();
    KnnVectorsFormat format =
        new Lucene99HnswScalarQuantizedVectorsFormat(
            M, EF_CONSTRUCTION, threads, 7, false, null, null);
    ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
    // As the store's: a merge gets helper threads only below the limit (+ 1 for its own).
    merges.setMaxMergesAndThreads(threads + 6, threads + 1);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setMergeScheduler(merges)
            .setCodec(
                new Lucene912Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                  }
                });
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(fs, config)) {
      writer.forceMerge(segments);
      writer.commit();
    }
  }

  /** Whether {@code dir} holds a committed Lucene index. */
  static boolean hasIndex(Path dir) {
    try (FSDirectory fs = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(fs);
    } catch (IOException e) {
      return false;
    }
  }

  /** The number of segments of the last commit in {@code dir}, -1 when it cannot be read. */
  static int segments(Path dir) {
    try (FSDirectory fs = FSDirectory.open(dir)) {
      return SegmentInfos.readLatestCommit(fs).size();
    } catch (IOException e) {
      return -1;
    }
  }

  /** hnswlib item. */
  record HnswItem(String id, float[] vector) implements Item<String, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  Built hnswlib(float[][] data, int ef) throws Exception {
    Path dir = temp("hnswlib");
    long t0 = System.nanoTime();
    HnswIndex<String, float[], HnswItem, Float> index =
        HnswIndex.newBuilder(data[0].length, DistanceFunctions.FLOAT_INNER_PRODUCT, data.length)
            .withM(M)
            .withEfConstruction(EF_CONSTRUCTION)
            .withEf(ef)
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

  Built langchain4j(float[][] data) {
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

  Built exactStore(float[][] data) {
    long t0 = System.nanoTime();
    InMemoryVectorStore store = new InMemoryVectorStore();
    store.upsert(records(data));
    long t1 = System.nanoTime();
    return new Built(t1 - t0, -1, null, exactSearch(store), store::close);
  }

  /**
   * A new collection of the Chroma server holding {@code data}. With {@code searchEf} above 0, the
   * collection is created first with metadata {@code hnsw:search_ef} (Chroma 1.0 reads its HNSW
   * parameters at creation: a later change of the collection's configuration is not applied to an
   * index the server has loaded); 0 leaves the server's default (100 in Chroma 1.0).
   */
  Built chroma(float[][] data, int searchEf) throws Exception {
    if (chromaUrl == null) {
      throw new IllegalStateException("no Chroma server: pass --chroma-url");
    }
    String url = chromaUrl;
    String name = "ann-" + data.length + "-ef" + searchEf + "-" + System.nanoTime();
    long t0 = System.nanoTime();
    if (searchEf > 0) {
      createChromaCollection(url, name, searchEf);
    }
    VectorStore store = ChromaVectorStore.builder(url, name, data[0].length).build();
    List<VectorRecord> records = records(data);
    for (int i = 0; i < records.size(); i += 1000) {
      store.upsert(records.subList(i, Math.min(records.size(), i + 1000)));
    }
    long t1 = System.nanoTime();
    return new Built(t1 - t0, -1, null, storeSearch(store, Filter.all()), store::close);
  }

  /** Creates collection {@code name} (cosine, as the store's) with its HNSW search ef. */
  private static void createChromaCollection(String url, String name, int searchEf)
      throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode().put("name", name).put("get_or_create", true);
    body.putObject("metadata").put("hnsw:space", "cosine").put("hnsw:search_ef", searchEf);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            url.replaceAll("/+$", "")
                                + "/api/v2/tenants/default_tenant/databases/default_database"
                                + "/collections"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    int ef =
        json.readTree(response.body())
            .path("configuration_json")
            .path("hnsw")
            .path("ef_search")
            .asInt(-1);
    if (response.statusCode() != 200 || ef != searchEf) {
      throw new IllegalStateException(
          "Chroma did not create collection "
              + name
              + " with search ef "
              + searchEf
              + ": HTTP "
              + response.statusCode()
              + ", configuration ef_search "
              + ef);
    }
  }

  static Search exactSearch(InMemoryVectorStore store) {
    return q ->
        store.search(SearchRequest.of(q, TOP_K, Filter.all())).stream().map(SearchHit::id).toList();
  }

  static List<VectorRecord> records(float[][] data) {
    List<VectorRecord> records = new ArrayList<>(data.length);
    for (int i = 0; i < data.length; i++) {
      records.add(
          new VectorRecord("r" + i, data[i], Map.of(VectorRecord.AGENT_ID, "agent-" + (i % 4))));
    }
    return records;
  }

  /** A new folder for one index, deleted with the run's scratch folder. */
  Path temp(String prefix) {
    return scratch.newFolder(prefix + "-");
  }

  static long size(Path dir) {
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
  record Built(long buildNanos, long openNanos, @Nullable Path dir, Search search, Closer close) {}

  /** Releases a contender. */
  @FunctionalInterface
  interface Closer {
    void run() throws Exception;
  }
}
