package io.elavira.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the English BEIR set {@code en-python-docs}: the corpus is extracted from the HTML pages
 * of the Python 3.11 library reference that Debian's {@code python3.11-doc} package installs (PSF
 * licence), one document per page listed in the set's {@code pages.txt}; the questions and
 * judgements are the set's own committed files, copied next to the corpus. Deterministic: the same
 * package version gives the same {@code corpus.jsonl} byte for byte (its SHA-256 is printed and
 * recorded in the set's README).
 *
 * <p>Text kept per page: headings, paragraphs, list items and API signatures, one per line, in
 * document order; code examples ({@code pre}), tables, permalinks and the navigation are dropped.
 *
 * <pre>
 * apt-get install python3.11-doc
 * java -cp elavira-bench/target/benchmarks.jar io.elavira.bench.PythonDocsSet \
 *     --out elavira-bench/target/en-python-docs
 * </pre>
 */
@Command(
    name = "PythonDocsSet",
    mixinStandardHelpOptions = true,
    description = "Writes the en-python-docs BEIR set from the installed python3.11-doc package.")
public final class PythonDocsSet implements Callable<Integer> {
  /** Block elements whose text becomes one line of a document. */
  static final String BLOCKS = "h1, h2, h3, h4, p, dt, li";

  @Option(
      names = "--html",
      defaultValue = "/usr/share/doc/python3.11/html/library",
      description = "The library reference of python3.11-doc (default ${DEFAULT-VALUE}).")
  Path html;

  @Option(
      names = "--set",
      defaultValue = "elavira-bench/retrieval/en-python-docs",
      description = "The set's committed files: pages.txt, queries.jsonl, qrels/test.tsv.")
  Path set;

  @Option(names = "--out", required = true, description = "Folder to write the BEIR set into.")
  Path out;

  /**
   * Builds the set.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new PythonDocsSet()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(html)) {
      throw new IllegalArgumentException(
          html + " is missing: install Debian's python3.11-doc package or pass --html");
    }
    Set<String> ids = new LinkedHashSet<>();
    Files.createDirectories(out.resolve("qrels"));
    ObjectMapper json = new ObjectMapper();
    Path corpus = out.resolve("corpus.jsonl");
    try (Writer w = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(set.resolve("pages.txt"))) {
        String page = line.strip();
        if (page.isEmpty() || page.startsWith("#")) {
          continue;
        }
        Path file = html.resolve(page + ".html");
        Element body = Jsoup.parse(file.toFile(), "UTF-8").selectFirst("div.body");
        if (body == null) {
          throw new IllegalStateException(file + " has no div.body: not a Sphinx page");
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("_id", page);
        doc.put("title", title(body));
        doc.put("text", text(body));
        w.write(json.writeValueAsString(doc));
        w.write('\n');
        ids.add(page);
      }
    }
    Files.copy(
        set.resolve("queries.jsonl"),
        out.resolve("queries.jsonl"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        set.resolve("qrels/test.tsv"),
        out.resolve("qrels/test.tsv"),
        StandardCopyOption.REPLACE_EXISTING);
    int judgements = 0;
    for (String line : Files.readAllLines(out.resolve("qrels/test.tsv"))) {
      String[] f = line.split("\t");
      if (f.length >= 3 && !f[0].equals("query-id")) {
        if (!ids.contains(f[1])) {
          throw new IllegalStateException("qrels/test.tsv names " + f[1] + ", not in pages.txt");
        }
        judgements++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d documents, %d judgements; corpus.jsonl sha256 %s%n",
        ids.size(),
        judgements,
        sha256(Files.readAllBytes(corpus)));
    return 0;
  }

  /** The page's first heading without its permalink, e.g. "bisect — Array bisection algorithm". */
  static String title(Element body) {
    Element h1 = body.selectFirst("h1");
    return h1 == null ? "" : clean(h1);
  }

  /**
   * The page's prose, one block per line: headings, paragraphs, list items and API signatures in
   * document order; an element inside another kept element (a paragraph in a list item) is kept
   * once, with its parent.
   */
  static String text(Element body) {
    Element copy = body.clone();
    copy.select("a.headerlink, pre, table, div.highlight, nav, script, style").remove();
    List<String> lines = new ArrayList<>();
    for (Element e : copy.select(BLOCKS)) {
      if (e.tagName().equals("h1") || hasKeptAncestor(e, copy)) {
        continue;
      }
      String t = clean(e);
      if (!t.isEmpty()) {
        lines.add(t);
      }
    }
    return String.join("\n", lines);
  }

  private static boolean hasKeptAncestor(Element e, Element root) {
    for (Element p = e.parent(); p != null && p != root; p = p.parent()) {
      if (p.is(BLOCKS)) {
        return true;
      }
    }
    return false;
  }

  private static String clean(Element e) {
    Element c = e.clone();
    c.select("a.headerlink").remove();
    return c.text().replace('\u00b6', ' ').replaceAll("\\s+", " ").strip();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
