package io.elavira.bench;

import static io.elavira.bench.Measures.f0;
import static io.elavira.bench.Measures.f1;
import static io.elavira.bench.Measures.f2;
import static io.elavira.bench.Measures.pct;

import io.elavira.bench.DocsQuestions.Question;
import io.elavira.bench.Side.IngestRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Elavira vs LangChain4j on the txt/md files of {@code shared/data/docs}: ingestion chunks/s, query
 * latency and hit@1/hit@5 on 20 fixed questions (English and French), and embedding throughput
 * batched vs one call per text on the chunks of the docs. Prints a Markdown report and optionally
 * writes it to {@code --out}.
 *
 * <pre>
 * java -cp elavira-bench/target/benchmarks.jar io.elavira.bench.IngestQuerySideBySide \
 *     --data ../shared/data/docs --rounds 5 --out side-by-side.md
 * </pre>
 */
@Command(
    name = "IngestQuerySideBySide",
    mixinStandardHelpOptions = true,
    description =
        "Elavira vs LangChain4j: ingestion, query latency, hit rates, embedding throughput.")
public final class IngestQuerySideBySide implements Callable<Integer> {
  private static final int TOP_K = 5;
  private static final int MIN_THROUGHPUT_TEXTS = 256;

  @Option(
      names = "--data",
      defaultValue = "../shared/data/docs",
      description =
          "Folder searched recursively for .txt/.md files (MANIFEST.md excluded). Default: ${DEFAULT-VALUE}")
  Path data;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Timed rounds, each after one warm-up round. Default: ${DEFAULT-VALUE}")
  int rounds;

  @Mixin SideBySideOptions options = new SideBySideOptions();

  private String[] args = new String[0];

  /** Runs the comparison; see the class documentation for the arguments. */
  public static void main(String[] args) {
    IngestQuerySideBySide command = new IngestQuerySideBySide();
    command.args = args.clone();
    System.exit(new CommandLine(command).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (rounds < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be >= 1");
    }
    List<Path> files = files(data);
    if (files.isEmpty()) {
      System.err.println(
          "No .txt/.md file under " + data.toAbsolutePath() + "; pass --data <shared>/data/docs");
      return 2;
    }
    List<String> report = new ArrayList<>();
    report.add("# Elavira vs LangChain4j on " + data.toAbsolutePath().normalize() + " (txt/md)");
    report.add("");
    report.addAll(Measures.environment(args));
    report.add(
        "- Method: models loaded once per side (not timed). Ingestion: 1 warm-up round,"
            + " then "
            + rounds
            + " timed round(s), sides alternating, each into a fresh empty index;"
            + " chunks/s = chunks / wall time of the ingestion call (read, parse, split, embed,"
            + " store). Queries: "
            + DocsQuestions.ALL.size()
            + " fixed questions, top "
            + TOP_K
            + ", one warm-up pass, then "
            + rounds
            + " timed pass(es), paths alternating.");
    System.err.println("Loading models...");
    try (ElaviraSide elavira = new ElaviraSide(options.threads, options.maxWordPieces);
        LangChain4jSide langchain4j = new LangChain4jSide(options.threads)) {
      List<Side> sides = List.of(elavira, langchain4j);
      report.add("");
      report.add("## Settings");
      report.add("");
      sides.forEach(s -> report.add("- **" + s.name() + "**: " + s.settings()));
      report.add("");
      report.add("## Files (" + files.size() + ")");
      report.add("");
      files.forEach(f -> report.add("- `" + data.relativize(f) + "` (" + size(f) + " bytes)"));
      report.addAll(ingestion(sides));
      report.addAll(queries(elavira, langchain4j));
      report.addAll(throughput(sides, langchain4j.lastChunks()));
    }
    String markdown = String.join("\n", report) + "\n";
    System.out.print(markdown);
    if (options.out != null) {
      Files.writeString(options.out, markdown, StandardCharsets.UTF_8);
      System.err.println("Report written to " + options.out.toAbsolutePath());
    }
    return 0;
  }

  private List<String> ingestion(List<Side> sides) {
    Map<Side, List<IngestRun>> runs = new LinkedHashMap<>();
    for (Side side : sides) {
      System.err.println("Warm-up ingestion: " + side.name());
      side.ingest(files(data));
      runs.put(side, new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < sides.size(); i++) {
        Side side = sides.get((i + r) % sides.size());
        IngestRun run = side.ingest(files(data));
        System.err.println(
            "Round "
                + (r + 1)
                + " "
                + side.name()
                + ": "
                + run.chunks()
                + " chunks in "
                + f1(run.nanos() / 1e6)
                + " ms");
        runs.get(side).add(run);
      }
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "",
                "## Ingestion",
                "",
                "| side | files indexed | files skipped | chunks | wall time, median (ms) | chunks/s, median | chunks/s, min – max |",
                "|---|---:|---|---:|---:|---:|---:|"));
    for (var e : runs.entrySet()) {
      List<IngestRun> list = e.getValue();
      IngestRun last = list.get(list.size() - 1);
      List<Double> rates = list.stream().map(IngestRun::chunksPerSecond).toList();
      List<Double> ms = list.stream().map(x -> x.nanos() / 1e6).toList();
      lines.add(
          "| "
              + e.getKey().name()
              + " | "
              + last.files()
              + " | "
              + (last.skipped().isEmpty() ? "none" : String.join("; ", last.skipped()))
              + " | "
              + last.chunks()
              + " | "
              + f1(Measures.median(ms))
              + " | "
              + f1(Measures.median(rates))
              + " | "
              + f1(Measures.min(rates))
              + " – "
              + f1(Measures.max(rates))
              + " |");
    }
    return lines;
  }

  private List<String> queries(ElaviraSide elavira, LangChain4jSide langchain4j) {
    Map<String, Function<String, List<String>>> paths = new LinkedHashMap<>();
    paths.put(
        "Elavira `agent.ask` (no LLM: retrieval + extractive answer + exchange persisted"
            + " in SQLite)",
        elavira::ask);
    paths.put(
        "Elavira retrieval only (`DenseRetriever`: embed + search + read passages from"
            + " SQLite)",
        q -> elavira.retrieve(q, TOP_K));
    paths.put(
        "LangChain4j (embed + `InMemoryEmbeddingStore.search`)",
        q -> langchain4j.retrieve(q, TOP_K));
    List<Question> questions = DocsQuestions.ALL;
    // Warm-up pass, which also gives the hits (retrieval is deterministic for a fixed index).
    Map<String, List<List<String>>> results = new LinkedHashMap<>();
    paths.forEach(
        (name, path) ->
            results.put(name, questions.stream().map(q -> path.apply(q.text())).toList()));
    Map<String, List<Double>> latencies = new LinkedHashMap<>();
    paths.keySet().forEach(k -> latencies.put(k, new ArrayList<>()));
    List<String> names = List.copyOf(paths.keySet());
    for (int r = 0; r < rounds; r++) {
      for (int qi = 0; qi < questions.size(); qi++) {
        for (int i = 0; i < names.size(); i++) {
          String name = names.get((i + qi + r) % names.size());
          long start = System.nanoTime();
          // Kept (not discarded) so the JIT cannot drop the call.
          Objects.requireNonNull(paths.get(name).apply(questions.get(qi).text()));
          latencies.get(name).add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "",
                "## Queries ("
                    + questions.size()
                    + " questions: "
                    + count(questions, "en")
                    + " English, "
                    + count(questions, "fr")
                    + " French; top "
                    + TOP_K
                    + ")",
                "",
                "| path | p50 (ms) | p95 (ms) | hit@1 | hit@5 | hit@1 en / fr | hit@5 en / fr |",
                "|---|---:|---:|---:|---:|---:|---:|"));
    for (String name : names) {
      List<List<String>> got = results.get(name);
      List<Double> ms = latencies.get(name);
      lines.add(
          "| "
              + name
              + " | "
              + f2(Measures.percentile(ms, 50))
              + " | "
              + f2(Measures.percentile(ms, 95))
              + " | "
              + hits(got, questions, 1, null)
              + " | "
              + hits(got, questions, TOP_K, null)
              + " | "
              + hits(got, questions, 1, "en")
              + " / "
              + hits(got, questions, 1, "fr")
              + " | "
              + hits(got, questions, TOP_K, "en")
              + " / "
              + hits(got, questions, TOP_K, "fr")
              + " |");
    }
    lines.add("");
    lines.add(
        "hit@k: the expected file is among the files of the k best chunks. "
            + "Latency samples per path: "
            + questions.size() * rounds
            + ".");
    lines.add("");
    lines.add(
        "### Top file per question (✓ = expected file first, (n) = first rank of the"
            + " expected file in the top "
            + TOP_K
            + ", ✗ = not in the top "
            + TOP_K
            + ")");
    lines.add("");
    lines.add("| # | lang | question | expected | Elavira ask | Elavira retrieval | LangChain4j |");
    lines.add("|---:|---|---|---|---|---|---|");
    for (int qi = 0; qi < questions.size(); qi++) {
      Question q = questions.get(qi);
      StringBuilder row =
          new StringBuilder(
              "| "
                  + (qi + 1)
                  + " | "
                  + q.language()
                  + " | "
                  + q.text()
                  + " | "
                  + String.join(" or ", q.expected().stream().sorted().toList()));
      for (String name : names) {
        row.append(" | ").append(cell(results.get(name).get(qi), q));
      }
      lines.add(row.append(" |").toString());
    }
    return lines;
  }

  private List<String> throughput(List<Side> sides, List<String> chunks) {
    List<String> texts = new ArrayList<>();
    while (texts.size() < MIN_THROUGHPUT_TEXTS && !chunks.isEmpty()) {
      texts.addAll(chunks);
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "",
                "## Embedding throughput (texts/s)",
                "",
                texts.size()
                    + " texts: the "
                    + chunks.size()
                    + " LangChain4j chunks of the docs, repeated."
                    + " Same texts for both sides; 1 warm-up, then median of "
                    + rounds
                    + " round(s)."
                    + " For the controlled numbers use JMH's `EmbeddingThroughputBenchmark`.",
                "",
                "| side | batched (one `embedAll` call) | one `embed` call per text, sequential |",
                "|---|---:|---:|"));
    if (texts.isEmpty()) {
      return lines;
    }
    for (Side side : sides) {
      side.embedAll(texts);
      side.embedEach(texts);
      List<Double> batched = new ArrayList<>();
      List<Double> each = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        side.embedAll(texts);
        batched.add(texts.size() / ((System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        side.embedEach(texts);
        each.add(texts.size() / ((System.nanoTime() - start) / 1e9));
      }
      System.err.println("Throughput " + side.name() + " done");
      lines.add(
          "| "
              + side.name()
              + " | "
              + f0(Measures.median(batched))
              + " | "
              + f0(Measures.median(each))
              + " |");
    }
    lines.add("");
    lines.add(
        "Batched: Elavira pads texts into batches on the calling thread; LangChain4j's"
            + " embedAll runs one ONNX call per text, spread over its executor.");
    return lines;
  }

  private static String cell(List<String> got, Question q) {
    String top = got.isEmpty() ? "(none)" : got.get(0);
    for (int i = 0; i < got.size(); i++) {
      if (q.expected().contains(got.get(i))) {
        return i == 0 ? "✓ " + top : "(" + (i + 1) + ") " + top;
      }
    }
    return "✗ " + top;
  }

  private static String hits(List<List<String>> got, List<Question> qs, int k, String lang) {
    int hits = 0;
    int total = 0;
    for (int i = 0; i < qs.size(); i++) {
      if (lang != null && !lang.equals(qs.get(i).language())) {
        continue;
      }
      total++;
      List<String> top = got.get(i).subList(0, Math.min(k, got.get(i).size()));
      if (top.stream().anyMatch(qs.get(i).expected()::contains)) {
        hits++;
      }
    }
    return lang == null ? pct(hits, total) : hits + "/" + total;
  }

  private static long count(List<Question> questions, String lang) {
    return questions.stream().filter(q -> q.language().equals(lang)).count();
  }

  /** The .txt and .md files under {@code dir}, MANIFEST.md excluded, sorted by path. */
  static List<Path> files(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".txt") || name.endsWith(".md"))
                    && !name.equals("manifest.md");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot list " + dir.toAbsolutePath(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
