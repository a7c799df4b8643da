package io.elavira.bench;

import static io.elavira.bench.Measures.f1;
import static io.elavira.bench.Measures.f2;
import static io.elavira.bench.Measures.f3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.bench.Side.IngestRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Elavira vs LangChain4j on a BEIR-format retrieval set (by default the French service-public.fr
 * set): both ingest the corpus (each document written once to a temporary {@code <id>.txt}, the
 * same files for both), then run every query; reports recall@5 and MRR@10 at document level (chunks
 * ranked by score, a document ranked at its best chunk) and query latency.
 *
 * <pre>
 * java -cp elavira-bench/target/benchmarks.jar io.elavira.bench.BeirSideBySide \
 *     --beir ../shared/data/retrieval/fr-service-public/beir --rounds 3 --out beir-fr.md
 * </pre>
 */
@Command(
    name = "BeirSideBySide",
    mixinStandardHelpOptions = true,
    description = "Elavira vs LangChain4j: recall@5, MRR@10 and query latency on a BEIR set.")
public final class BeirSideBySide implements Callable<Integer> {
  /** Chunks fetched per query to rank documents (a document may have many chunks). */
  private static final int CHUNKS_FOR_RANKING = 50;

  private static final int TOP_K = 5;

  @Option(
      names = "--beir",
      defaultValue = "../shared/data/retrieval/fr-service-public/beir",
      description =
          "Folder with corpus.jsonl, queries.jsonl, qrels/test.tsv. Default: ${DEFAULT-VALUE}")
  Path beir;

  @Option(
      names = "--rounds",
      defaultValue = "1",
      description = "Timed ingestion rounds and timed query passes. Default: ${DEFAULT-VALUE}")
  int rounds;

  @Mixin SideBySideOptions options = new SideBySideOptions();

  private String[] args = new String[0];

  /** Runs the comparison; see the class documentation for the arguments. */
  public static void main(String[] args) {
    BeirSideBySide command = new BeirSideBySide();
    command.args = args.clone();
    System.exit(new CommandLine(command).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (rounds < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be >= 1");
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(beir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode node = json.readTree(line);
        queries.put(node.get("_id").asText(), node.get("text").asText());
      }
    }
    Map<String, String> relevant = new LinkedHashMap<>();
    for (String line : Files.readAllLines(beir.resolve("qrels/test.tsv"), StandardCharsets.UTF_8)) {
      String[] cols = line.split("\t");
      if (cols.length >= 3 && !cols[0].equals("query-id") && !cols[2].trim().equals("0")) {
        relevant.put(cols[0], cols[1]);
      }
    }
    try (ScratchFolder corpusDir = ScratchFolder.create("beir-corpus-")) {
      List<Path> files = writeCorpus(json, corpusDir.path());
      List<String> report = new ArrayList<>();
      report.add("# Elavira vs LangChain4j on " + beir.toAbsolutePath().normalize());
      report.add("");
      report.addAll(Measures.environment(args));
      report.add(
          "- Data: "
              + files.size()
              + " documents (each written to `<id>.txt`, title then"
              + " text, the same files for both sides), "
              + queries.size()
              + " queries, "
              + relevant.size()
              + " judgments (one relevant document per query).");
      report.add(
          "- Method: models loaded once (not timed), warmed by embedding 32 documents."
              + " Ingestion: "
              + rounds
              + " timed round(s) into a fresh index. Ranking: top "
              + CHUNKS_FOR_RANKING
              + " chunks, a document ranked at its best chunk. Latency: one"
              + " untimed pass (the ranking), then "
              + rounds
              + " timed pass(es), top "
              + TOP_K
              + ".");
      System.err.println("Loading models...");
      try (ElaviraSide elavira = new ElaviraSide(options.threads, options.maxWordPieces);
          LangChain4jSide langchain4j = new LangChain4jSide(options.threads)) {
        List<Side> sides = List.of(elavira, langchain4j);
        report.add("");
        report.add("## Settings");
        report.add("");
        sides.forEach(s -> report.add("- **" + s.name() + "**: " + s.settings()));
        List<String> warm = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(32, files.size()))) {
          warm.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        sides.forEach(s -> s.embedAll(warm));
        report.add("");
        report.add("## Ingestion");
        report.add("");
        report.add("| side | files indexed | chunks | wall time, median (s) | chunks/s, median |");
        report.add("|---|---:|---:|---:|---:|");
        for (Side side : sides) {
          List<IngestRun> runs = new ArrayList<>();
          for (int r = 0; r < rounds; r++) {
            System.err.println("Ingesting with " + side.name() + " (round " + (r + 1) + ")...");
            runs.add(side.ingest(files));
          }
          IngestRun last = runs.get(runs.size() - 1);
          report.add(
              "| "
                  + side.name()
                  + " | "
                  + last.files()
                  + " | "
                  + last.chunks()
                  + " | "
                  + f1(Measures.median(runs.stream().map(x -> x.nanos() / 1e9).toList()))
                  + " | "
                  + f1(Measures.median(runs.stream().map(IngestRun::chunksPerSecond).toList()))
                  + " |");
        }
        report.addAll(retrieval(elavira, langchain4j, queries, relevant));
      }
      String markdown = String.join("\n", report) + "\n";
      System.out.print(markdown);
      if (options.out != null) {
        Files.writeString(options.out, markdown, StandardCharsets.UTF_8);
        System.err.println("Report written to " + options.out.toAbsolutePath());
      }
      return 0;
    }
  }

  private List<String> retrieval(
      ElaviraSide elavira,
      LangChain4jSide langchain4j,
      Map<String, String> queries,
      Map<String, String> relevant) {
    Map<String, Function<String, List<String>>> ranking = new LinkedHashMap<>();
    ranking.put(
        "Elavira retrieval (`DenseRetriever`)", q -> elavira.retrieve(q, CHUNKS_FOR_RANKING));
    ranking.put(
        "LangChain4j (embed + `InMemoryEmbeddingStore.search`)",
        q -> langchain4j.retrieve(q, CHUNKS_FOR_RANKING));
    Map<String, Function<String, List<String>>> timed = new LinkedHashMap<>();
    timed.put("Elavira `agent.ask` (no LLM, exchange persisted)", elavira::ask);
    timed.put("Elavira retrieval (`DenseRetriever`)", q -> elavira.retrieve(q, TOP_K));
    timed.put(
        "LangChain4j (embed + `InMemoryEmbeddingStore.search`)",
        q -> langchain4j.retrieve(q, TOP_K));
    List<String> ids = queries.keySet().stream().filter(relevant::containsKey).toList();
    Map<String, double[]> quality = new LinkedHashMap<>();
    for (var e : ranking.entrySet()) {
      int recall = 0;
      double mrr = 0;
      for (String id : ids) {
        List<String> docs =
            new ArrayList<>(
                new LinkedHashSet<>(
                    e.getValue().apply(queries.get(id)).stream()
                        .map(n -> n.endsWith(".txt") ? n.substring(0, n.length() - 4) : n)
                        .toList()));
        int rank = docs.indexOf(relevant.get(id)) + 1;
        if (rank >= 1 && rank <= 5) {
          recall++;
        }
        if (rank >= 1 && rank <= 10) {
          mrr += 1.0 / rank;
        }
      }
      quality.put(e.getKey(), new double[] {(double) recall / ids.size(), mrr / ids.size()});
    }
    Map<String, List<Double>> latencies = new LinkedHashMap<>();
    timed.keySet().forEach(k -> latencies.put(k, new ArrayList<>()));
    List<String> names = List.copyOf(timed.keySet());
    for (String id : ids) {
      elavira.ask(queries.get(id)); // warm the ask path (conversation, extractive writer)
    }
    for (int r = 0; r < rounds; r++) {
      for (int qi = 0; qi < ids.size(); qi++) {
        for (int i = 0; i < names.size(); i++) {
          String name = names.get((i + qi + r) % names.size());
          long start = System.nanoTime();
          // Kept (not discarded) so the JIT cannot drop the search.
          Objects.requireNonNull(timed.get(name).apply(queries.get(ids.get(qi))));
          latencies.get(name).add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "",
                "## Retrieval quality (" + ids.size() + " queries, document level)",
                "",
                "| side | recall@5 | MRR@10 |",
                "|---|---:|---:|"));
    quality.forEach(
        (name, q) -> lines.add("| " + name + " | " + f3(q[0]) + " | " + f3(q[1]) + " |"));
    lines.add("");
    lines.add("## Query latency (top " + TOP_K + ", " + ids.size() * rounds + " samples per path)");
    lines.add("");
    lines.add("| path | p50 (ms) | p95 (ms) |");
    lines.add("|---|---:|---:|");
    for (String name : names) {
      List<Double> ms = latencies.get(name);
      lines.add(
          "| "
              + name
              + " | "
              + f2(Measures.percentile(ms, 50))
              + " | "
              + f2(Measures.percentile(ms, 95))
              + " |");
    }
    return lines;
  }

  private List<Path> writeCorpus(ObjectMapper json, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(beir.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = json.readTree(line);
      String title = node.path("title").asText("");
      String text = node.path("text").asText("");
      Path file = dir.resolve(node.get("_id").asText() + ".txt");
      Files.writeString(
          file, title.isBlank() ? text : title + "\n\n" + text, StandardCharsets.UTF_8);
      files.add(file);
    }
    return files;
  }
}
