package io.elavira.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exact top-10 search over {@code size} random normalised 384-dimension vectors: Elavira's {@link
 * InMemoryVectorStore} against LangChain4j's {@link InMemoryEmbeddingStore}, with no filter and
 * with a metadata filter that one record in four matches (the shape of an agent/owner filter),
 * metadata held per record or per document ({@link #layout}). Both are exact, so both return the
 * same hits; the score is the time of one search.
 *
 * <p>{@code java -jar elavira-bench/target/benchmarks.jar VectorSearchBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VectorSearchBenchmark {
  private static final int DIMENSION = 384;
  private static final int TOP_K = 10;

  /** Number of stored vectors. */
  @Param({"10000", "100000"})
  public int size;

  /**
   * How agents are assigned and metadata held: {@code record} gives each vector its own metadata
   * and agent {@code i % 4}; {@code document} groups vectors in documents of 20 chunks (agent
   * {@code (i / 20) % 4}) whose chunks share one metadata map, as Elavira stores them.
   */
  @Param({"record", "document"})
  public String layout;

  private InMemoryVectorStore elavira;
  private InMemoryEmbeddingStore<TextSegment> langchain4j;
  private float[] query;
  private Filter elaviraFilter;
  private dev.langchain4j.store.embedding.filter.Filter langchain4jFilter;

  /** Fills both stores with the same vectors and metadata. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(7);
    elavira = new InMemoryVectorStore();
    langchain4j = new InMemoryEmbeddingStore<>();
    List<VectorRecord> records = new ArrayList<>(size);
    List<String> ids = new ArrayList<>(size);
    List<Embedding> embeddings = new ArrayList<>(size);
    List<TextSegment> segments = new ArrayList<>(size);
    boolean byDocument = layout.equals("document");
    Map<String, String> shared = null;
    for (int i = 0; i < size; i++) {
      float[] v = randomUnitVector(random);
      String agent = "agent-" + ((byDocument ? i / 20 : i) % 4);
      if (!byDocument || i % 20 == 0) {
        shared = Map.of(VectorRecord.AGENT_ID, agent);
      }
      records.add(new VectorRecord("r" + i, v, shared));
      ids.add("r" + i);
      embeddings.add(Embedding.from(v.clone()));
      segments.add(
          TextSegment.from(
              "r" + i, dev.langchain4j.data.document.Metadata.from(VectorRecord.AGENT_ID, agent)));
    }
    elavira.upsert(records);
    langchain4j.addAll(ids, embeddings, segments);
    query = randomUnitVector(random);
    elaviraFilter = Filter.eq(VectorRecord.AGENT_ID, "agent-1");
    langchain4jFilter =
        MetadataFilterBuilder.metadataKey(VectorRecord.AGENT_ID).isEqualTo("agent-1");
    List<SearchHit> a = elavira.search(SearchRequest.of(query, TOP_K, elaviraFilter));
    List<String> b =
        langchain4j.search(request(langchain4jFilter)).matches().stream()
            .map(m -> m.embeddingId())
            .toList();
    if (!a.stream().map(SearchHit::id).toList().equals(b)) {
      throw new IllegalStateException("the two stores disagree: " + a + " vs " + b);
    }
  }

  /** Releases the Elavira store. */
  @TearDown(Level.Trial)
  public void tearDown() {
    elavira.close();
  }

  private static float[] randomUnitVector(Random random) {
    float[] v = new float[DIMENSION];
    double norm = 0;
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    for (int d = 0; d < DIMENSION; d++) {
      v[d] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private EmbeddingSearchRequest request(dev.langchain4j.store.embedding.filter.Filter filter) {
    return EmbeddingSearchRequest.builder()
        .queryEmbedding(Embedding.from(query))
        .maxResults(TOP_K)
        .minScore(0.0)
        .filter(filter)
        .build();
  }

  /** Elavira, no filter. */
  @Benchmark
  public List<SearchHit> elavira() {
    return elavira.search(SearchRequest.of(query, TOP_K, Filter.all()));
  }

  /** Elavira, one record in four matches the filter. */
  @Benchmark
  public List<SearchHit> elaviraFiltered() {
    return elavira.search(SearchRequest.of(query, TOP_K, elaviraFilter));
  }

  /** LangChain4j, no filter. */
  @Benchmark
  public EmbeddingSearchResult<TextSegment> langchain4j() {
    return langchain4j.search(request(null));
  }

  /** LangChain4j, one record in four matches the filter. */
  @Benchmark
  public EmbeddingSearchResult<TextSegment> langchain4jFiltered() {
    return langchain4j.search(request(langchain4jFilter));
  }
}
