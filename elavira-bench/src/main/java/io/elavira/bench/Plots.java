package io.elavira.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Draws the measured numbers of {@code docs/vector-stores.md} as PNG charts (XChart): nDCG@10 of
 * dense, lexical and hybrid retrieval per evaluation set, and p50 latency and recall@10 of each
 * store per index size. The numbers are read from the Markdown tables that follow a marker comment,
 * so the charts always show the tables as published:
 *
 * <pre>
 * &lt;!-- plot retrieval "English (Python docs)" --&gt;   a table with a row per retriever, column nDCG@10
 * &lt;!-- plot ann "100k" --&gt;                         a table with a row per store, p50 ms, recall@10
 * </pre>
 *
 * <pre>
 * java -cp elavira-bench/target/benchmarks.jar io.elavira.bench.Plots \
 *     --doc docs/vector-stores.md --images docs/images
 * </pre>
 */
@Command(
    name = "Plots",
    mixinStandardHelpOptions = true,
    description = "PNG charts of the measured tables of docs/vector-stores.md.")
public final class Plots implements Callable<Integer> {
  private static final Pattern MARKER =
      Pattern.compile("<!--\\s*plot\\s+(\\w+)\\s+\"([^\"]+)\"\\s*-->");
  private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?");
  private static final List<String> RETRIEVERS = List.of("dense", "lexical", "hybrid");
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  @Option(
      names = "--doc",
      defaultValue = "docs/vector-stores.md",
      description = "Markdown file with marked tables (default ${DEFAULT-VALUE}).")
  Path doc;

  @Option(
      names = "--images",
      defaultValue = "docs/images",
      description = "Folder the PNG files go to (default ${DEFAULT-VALUE}).")
  Path images;

  /** One marked table: its kind ("retrieval", "ann"), its name, its header and body rows. */
  record Table(String kind, String name, List<String> header, List<List<String>> rows) {
    /**
     * The number in a cell, e.g. 17.84 for {@code "17.84 *"} or {@code "**0.9636**"}.
     *
     * @return the value, or NaN when the cell holds no number ("in memory", "-")
     */
    double number(List<String> row, String column) {
      int i = header.indexOf(column);
      if (i < 0) {
        throw new IllegalArgumentException(
            "table \"" + name + "\" has no column " + column + ": its columns are " + header);
      }
      Matcher m = NUMBER.matcher(row.get(i).replace("*", "").strip());
      return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
    }
  }

  /**
   * Draws the charts.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new Plots()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    List<Table> tables = tables(Files.readAllLines(doc));
    Files.createDirectories(images);
    List<Table> retrieval = tables.stream().filter(t -> t.kind().equals("retrieval")).toList();
    List<Table> ann = tables.stream().filter(t -> t.kind().equals("ann")).toList();
    if (!retrieval.isEmpty()) {
      save(retrievalChart(retrieval), "retrieval-ndcg");
    }
    if (!ann.isEmpty()) {
      save(annChart(ann, "p50 ms", "Top-10 query latency, p50 (ms, log scale)", true), "ann-p50");
      save(annChart(ann, "recall@10", "recall@10 against the exact answer", false), "ann-recall");
    }
    return 0;
  }

  /** The marked tables of a Markdown text, in order. */
  static List<Table> tables(List<String> lines) {
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().startsWith("|")) {
        j++;
      }
      List<List<String>> rows = new ArrayList<>();
      for (; j < lines.size() && lines.get(j).strip().startsWith("|"); j++) {
        rows.add(cells(lines.get(j)));
      }
      if (rows.size() < 3) {
        throw new IllegalArgumentException(
            "no table after the marker on line " + (i + 1) + " (" + lines.get(i).strip() + ")");
      }
      tables.add(new Table(m.group(1), m.group(2), rows.get(0), rows.subList(2, rows.size())));
    }
    return tables;
  }

  private static List<String> cells(String line) {
    String s = line.strip();
    s = s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length());
    List<String> cells = new ArrayList<>();
    for (String c : s.split("\\|", -1)) {
      cells.add(c.strip());
    }
    return cells;
  }

  /**
   * A store's short name: the row label before its first parenthesis or comma, without Markdown
   * emphasis ("raw Lucene 9.12 HNSW, int8, same parameters" becomes "raw Lucene 9.12 HNSW").
   */
  static String shortLabel(String label) {
    String s = label.replace("*", "").replace("`", "").strip();
    int cut = s.length();
    for (char c : new char[] {'(', ','}) {
      int i = s.indexOf(c);
      if (i > 0) {
        cut = Math.min(cut, i);
      }
    }
    return s.substring(0, cut).strip();
  }

  private static CategoryChart retrievalChart(List<Table> tables) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Retrieval quality: nDCG@10 per evaluation set")
            .yAxisTitle("nDCG@10")
            .build();
    style(chart);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.000");
    List<String> sets = tables.stream().map(Table::name).toList();
    for (String retriever : RETRIEVERS) {
      List<Double> values = new ArrayList<>();
      for (Table t : tables) {
        List<String> row =
            t.rows().stream()
                .filter(r -> r.get(0).replace("*", "").strip().startsWith(retriever))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "table \"" + t.name() + "\" has no row starting with " + retriever));
        values.add(t.number(row, "nDCG@10"));
      }
      chart.addSeries(retriever, sets, values);
    }
    return chart;
  }

  private static CategoryChart annChart(
      List<Table> tables, String column, String title, boolean logarithmic) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 120)
            .title(title + ", per store and index size")
            .yAxisTitle(column)
            .build();
    style(chart);
    chart.getStyler().setXAxisLabelRotation(20).setYAxisLogarithmic(logarithmic);
    if (logarithmic) {
      // bars start at the axis minimum, which a logarithmic axis cannot put at 0
      chart.getStyler().setYAxisMin(0.1).setYAxisDecimalPattern("0.##");
    } else {
      // the bar labels follow the axis pattern: three decimals, as in the tables
      chart.getStyler().setYAxisMin(0.9).setYAxisMax(1.0).setYAxisDecimalPattern("0.000");
    }
    Set<String> stores = new LinkedHashSet<>();
    List<Map<String, Double>> bySize = new ArrayList<>();
    for (Table t : tables) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (List<String> row : t.rows()) {
        double v = t.number(row, column);
        if (!Double.isNaN(v)) {
          values.put(shortLabel(row.get(0)), v);
        }
      }
      bySize.add(values);
      stores.addAll(values.keySet());
    }
    // a store measured at every size only: a bar chart needs a value for every category
    stores.removeIf(s -> bySize.stream().anyMatch(m -> !m.containsKey(s)));
    List<String> categories = List.copyOf(stores);
    for (int i = 0; i < tables.size(); i++) {
      Map<String, Double> values = bySize.get(i);
      chart.addSeries(
          tables.get(i).name(), categories, categories.stream().map(values::get).toList());
    }
    return chart;
  }

  private static void style(CategoryChart chart) {
    chart
        .getStyler()
        .setLegendPosition(LegendPosition.OutsideE)
        .setChartBackgroundColor(Color.WHITE)
        .setAntiAlias(true)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16))
        .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart
        .getStyler()
        .setLabelsVisible(true)
        .setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
  }

  private void save(CategoryChart chart, String name) throws IOException {
    Path file = images.resolve(name + ".png");
    if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
      throw new IllegalStateException("no PNG writer in this JVM: cannot write " + file);
    }
    System.out.printf(Locale.ROOT, "wrote %s%n", file);
  }
}
