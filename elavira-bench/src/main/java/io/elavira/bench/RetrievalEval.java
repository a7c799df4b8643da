package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.llm.onnx.EmbeddingProfile;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.retrieval.Fusion;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalRecord;
import io.elavira.retrieval.Passage;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.lucene.LuceneLexicalIndex;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Dense vs lexical vs hybrid retrieval on a BEIR-format set, through the product's own classes: the
 * corpus is chunked ({@code RecursiveChunker}, 200 word pieces, 30 overlap), written to a SQLite
 * system of record, embedded with all-MiniLM-L6-v2 into {@link LuceneVectorStore} and indexed by
 * {@link LuceneLexicalIndex}; every query runs through {@link HybridRetriever} with the lexical
 * side off (dense), the dense side off (lexical) and both (hybrid). Documents are ranked at their
 * best chunk. Prints nDCG@10, MRR@10 and recall@100, then the weak-match analysis: the best cosine
 * of each question with its answer in the index and with its answer removed, and the cut that best
 * separates the two.
 *
 * <pre>
 * java -cp elavira-bench/target/benchmarks.jar io.elavira.bench.RetrievalEval \
 *     --beir ../shared/data/retrieval/fr-service-public/beir \
 *     [--model models/e5-small-v2 --profile e5-small-v2]
 * </pre>
 */
@Command(
    name = "RetrievalEval",
    mixinStandardHelpOptions = true,
    description = "nDCG@10, MRR@10, recall@100 of dense, lexical and hybrid retrieval.")
public final class RetrievalEval implements Callable<Integer> {
  private static final String AGENT = "eval";
  private static final String USER = "u";

  @Option(
      names = "--beir",
      defaultValue = "../shared/data/retrieval/fr-service-public/beir",
      description = "Folder with corpus.jsonl, queries.jsonl, qrels/test.tsv.")
  Path beir;

  @Option(names = "--lexical-weights", split = ",", description = "Extra hybrid weights to try.")
  List<Double> lexicalWeights = List.of();

  @Option(
      names = "--rrf-ks",
      split = ",",
      description = "Extra RRF constants to try (weights 1:1).")
  List<Integer> rrfKs = List.of();

  @Option(
      names = "--convex-weights",
      split = ",",
      description =
          "Lexical weights (dense 1) to try with the convex combination of min-max normalised"
              + " scores.")
  List<Double> convexWeights = List.of();

  @Option(names = "--fts5", description = "Also rank with SQLite FTS5 (lexical alternative).")
  boolean fts5;

  @Option(
      names = "--candidates",
      defaultValue = "50",
      description = "Chunks each side returns before fusion (all rows). Default: the product's.")
  int candidates;

  @Option(
      names = "--runs",
      description =
          "Also write each side's ranked chunks per question to this TSV file (RetrievalRuns).")
  @Nullable Path runs;

  @Option(
      names = "--model",
      description =
          "Embedding model folder (tokenizer.json, model.onnx or onnx/*.onnx). Default: the"
              + " bundled all-MiniLM-L6-v2.")
  @Nullable Path modelDir;

  @Option(
      names = "--profile",
      description = "Embedding profile preset for --model, e.g. e5-small-v2 (prefixes, pooling).")
  @Nullable String profile;

  /**
   * Runs the evaluation.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RetrievalEval()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> corpus = new LinkedHashMap<>();
    for (String line : Files.readAllLines(beir.resolve("corpus.jsonl"))) {
      JsonNode d = json.readTree(line);
      String title = d.path("title").asText("");
      corpus.put(
          d.get("_id").asText(), (title.isEmpty() ? "" : title + "\n\n") + d.get("text").asText());
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(beir.resolve("queries.jsonl"))) {
      JsonNode q = json.readTree(line);
      queries.put(q.get("_id").asText(), q.get("text").asText());
    }
    Map<String, Set<String>> qrels = new LinkedHashMap<>();
    for (String line : Files.readAllLines(beir.resolve("qrels/test.tsv"))) {
      String[] f = line.split("\t");
      if (f.length >= 3 && !f[0].equals("query-id") && Integer.parseInt(f[2].trim()) > 0) {
        qrels.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add(f[1]);
      }
    }
    try (ScratchFolder scratch = ScratchFolder.create("elavira-eval-")) {
      Path home = scratch.path();
      try (OnnxEmbeddingModel model = loadModel();
          ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
          LuceneVectorStore vectors =
              LuceneVectorStore.builder(home.resolve("vectors"), model.dimension()).build();
          LuceneLexicalIndex lexical = LuceneLexicalIndex.open(home.resolve("lexical"))) {
        long start = System.nanoTime();
        int chunks = index(corpus, model, store, vectors, lexical);
        System.err.printf(
            Locale.ROOT,
            "indexed %d documents, %d chunks in %.1f s%n",
            corpus.size(),
            chunks,
            (System.nanoTime() - start) / 1e9);
        System.out.printf(
            "%n## %s: %d documents, %d chunks, %d queries with judgements, %d candidates per"
                + " side%n%n",
            beir, corpus.size(), chunks, qrels.size(), candidates);
        System.out.printf("Embedding model: %s%n%n", model);
        System.out.println("| retrieval | nDCG@10 | MRR@10 | recall@100 |");
        System.out.println("|---|---|---|---|");
        report("dense", builder(model, vectors, lexical, store).lexicalWeight(0), queries, qrels);
        report(
            "lexical (BM25, fr+en analysis)",
            builder(model, vectors, lexical, store).denseWeight(0),
            queries,
            qrels);
        HybridRetriever defaults = builder(model, vectors, lexical, store).build();
        report(
            "hybrid (default: " + defaults + ")",
            builder(model, vectors, lexical, store),
            queries,
            qrels);
        if (fts5) {
          for (String tokenizer :
              List.of("unicode61 remove_diacritics 2", "porter unicode61 remove_diacritics 2")) {
            try (Fts5Side side = new Fts5Side(tokenizer, store, corpus.keySet())) {
              report("SQLite FTS5 (" + tokenizer + "), for comparison", side::rank, queries, qrels);
            }
          }
        }
        for (double w : lexicalWeights) {
          report(
              "hybrid (RRF dense 1 : lexical " + w + ")",
              builder(model, vectors, lexical, store).lexicalWeight(w),
              queries,
              qrels);
        }
        for (double w : convexWeights) {
          report(
              "hybrid (convex min-max, dense 1 : lexical " + w + ")",
              builder(model, vectors, lexical, store)
                  .fusion(Fusion.CONVEX_MIN_MAX)
                  .lexicalWeight(w),
              queries,
              qrels);
        }
        for (int k : rrfKs) {
          report(
              "hybrid (RRF 1:1, k " + k + ")",
              builder(model, vectors, lexical, store).rrfK(k),
              queries,
              qrels);
        }
        weakMatch(model, vectors, corpus.keySet(), queries, qrels);
        if (runs != null) {
          RetrievalRuns.write(
              runs, model, vectors, lexical, queries, HybridRetriever.scope(AGENT, USER), 1000);
        }
      }
      return 0;
    }
  }

  private OnnxEmbeddingModel loadModel() {
    OnnxEmbeddingModel.Builder builder = OnnxEmbeddingModel.builder();
    if (modelDir != null) {
      builder.modelDirectory(modelDir);
    }
    if (profile != null) {
      builder.profile(EmbeddingProfile.named(profile));
    }
    return builder.build();
  }

  private static int index(
      Map<String, String> corpus,
      OnnxEmbeddingModel model,
      ElaviraStore store,
      LuceneVectorStore vectors,
      LuceneLexicalIndex lexical) {
    RecursiveChunker chunker =
        RecursiveChunker.builder()
            .maxTokens(200)
            .overlapTokens(30)
            .tokenCounter(model.tokenCounter())
            .build();
    List<VectorRecord> vectorRecords = new ArrayList<>();
    List<LexicalRecord> lexicalRecords = new ArrayList<>();
    for (Map.Entry<String, String> e : corpus.entrySet()) {
      List<Block> blocks = new ArrayList<>();
      for (String paragraph : e.getValue().split("\n+")) {
        if (!paragraph.isBlank()) {
          blocks.add(new Block(BlockType.PARAGRAPH, paragraph.strip(), null, null));
        }
      }
      String name = e.getKey() + ".txt";
      List<Chunk> chunks =
          chunker.chunk(new Document(name, "/beir/" + name, "txt", blocks, Map.of()));
      List<ChunkRecord> rows = new ArrayList<>();
      for (Chunk c : chunks) {
        rows.add(
            new ChunkRecord(
                e.getKey() + "#" + c.ordinal(),
                e.getKey(),
                c.ordinal(),
                c.text(),
                c.section(),
                c.page(),
                sha256(c.text()),
                Map.of()));
      }
      DocumentRecord document =
          new DocumentRecord(
              e.getKey(),
              AGENT,
              null,
              name,
              "/beir/" + name,
              "txt",
              sha256(e.getValue()),
              DocumentStatus.INDEXING,
              1,
              rows.size(),
              Instant.EPOCH);
      store.documents().stage(document, rows);
      if (!store.documents().publish(document)) {
        throw new IllegalStateException("document " + e.getKey() + " was not published");
      }
      List<float[]> embedded = model.embedAll(rows.stream().map(ChunkRecord::text).toList());
      Map<String, String> metadata = VectorRecord.chunkMetadata(AGENT, e.getKey(), null);
      for (int i = 0; i < rows.size(); i++) {
        vectorRecords.add(new VectorRecord(rows.get(i).id(), embedded.get(i), metadata));
        lexicalRecords.add(new LexicalRecord(rows.get(i).id(), rows.get(i).text(), metadata));
      }
    }
    vectors.addAll(vectorRecords);
    lexical.upsert(lexicalRecords);
    return vectorRecords.size();
  }

  private HybridRetriever.Builder builder(
      OnnxEmbeddingModel model,
      LuceneVectorStore vectors,
      LuceneLexicalIndex lexical,
      ElaviraStore store) {
    return HybridRetriever.builder(model, vectors, lexical, store.documents())
        .candidates(candidates);
  }

  private static void report(
      String label,
      HybridRetriever.Builder builder,
      Map<String, String> queries,
      Map<String, Set<String>> qrels) {
    HybridRetriever retriever = builder.build();
    report(
        label,
        question ->
            retriever
                .search(new RetrievalQuery(AGENT, USER, question, 1000, -1))
                .passages()
                .stream()
                .flatMap(p -> documentIds(p).stream())
                .distinct()
                .toList(),
        queries,
        qrels);
  }

  private static void report(
      String label,
      java.util.function.Function<String, List<String>> ranking,
      Map<String, String> queries,
      Map<String, Set<String>> qrels) {
    double ndcg = 0;
    double mrr = 0;
    double recall = 0;
    for (Map.Entry<String, Set<String>> q : qrels.entrySet()) {
      List<String> docs = ranking.apply(queries.get(q.getKey()));
      Set<String> relevant = q.getValue();
      double dcg = 0;
      double ideal = 0;
      for (int i = 0; i < 10; i++) {
        if (i < docs.size() && relevant.contains(docs.get(i))) {
          dcg += 1 / log2(i + 2);
        }
        if (i < relevant.size()) {
          ideal += 1 / log2(i + 2);
        }
      }
      ndcg += dcg / ideal;
      for (int i = 0; i < Math.min(10, docs.size()); i++) {
        if (relevant.contains(docs.get(i))) {
          mrr += 1.0 / (i + 1);
          break;
        }
      }
      long found = docs.stream().limit(100).filter(relevant::contains).count();
      recall += (double) found / relevant.size();
    }
    int n = qrels.size();
    System.out.printf(
        Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", label, ndcg / n, mrr / n, recall / n);
  }

  private static List<String> documentIds(Passage p) {
    List<String> ids = new ArrayList<>();
    ids.add(p.source().documentId());
    p.alsoIn().forEach(s -> ids.add(s.documentId()));
    return ids;
  }

  /**
   * Best cosine per question with its answer in the index ("answerable") and with the relevant
   * documents filtered out ("unanswerable"), and the cut maximising balanced accuracy.
   */
  private static void weakMatch(
      OnnxEmbeddingModel model,
      LuceneVectorStore vectors,
      Set<String> documentIds,
      Map<String, String> queries,
      Map<String, Set<String>> qrels) {
    List<Double> answerable = new ArrayList<>();
    List<Double> unanswerable = new ArrayList<>();
    Filter scope = HybridRetriever.scope(AGENT, USER);
    for (Map.Entry<String, Set<String>> q : qrels.entrySet()) {
      float[] v = model.embedQuery(queries.get(q.getKey()));
      answerable.add(best(vectors.search(SearchRequest.of(v, 1, scope))));
      Set<String> others =
          documentIds.stream().filter(d -> !q.getValue().contains(d)).collect(Collectors.toSet());
      Filter withoutAnswer = Filter.and(scope, Filter.in(VectorRecord.DOCUMENT_ID, others));
      unanswerable.add(best(vectors.search(SearchRequest.of(v, 1, withoutAnswer))));
    }
    double bestCut = 0;
    double bestAccuracy = 0;
    for (int c = 0; c <= 100; c++) {
      double cut = c / 100.0;
      double tp = answerable.stream().filter(s -> s >= cut).count() / (double) answerable.size();
      double tn = unanswerable.stream().filter(s -> s < cut).count() / (double) unanswerable.size();
      if ((tp + tn) / 2 > bestAccuracy) {
        bestAccuracy = (tp + tn) / 2;
        bestCut = cut;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n### Weak match (best cosine, %s)%n%n"
            + "| questions | p10 | p50 | p90 |%n|---|---|---|---|%n"
            + "| answer in the index | %.3f | %.3f | %.3f |%n"
            + "| answer removed | %.3f | %.3f | %.3f |%n%n"
            + "Best cut: cosine %.2f (balanced accuracy %.3f).%n",
        model.modelId(),
        quantile(answerable, 0.1),
        quantile(answerable, 0.5),
        quantile(answerable, 0.9),
        quantile(unanswerable, 0.1),
        quantile(unanswerable, 0.5),
        quantile(unanswerable, 0.9),
        bestCut,
        bestAccuracy);
  }

  private static double best(List<SearchHit> hits) {
    return hits.isEmpty() ? -1 : hits.get(0).score();
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
