package io.elavira.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PythonDocsSetTest {
  private static final Path HTML = Path.of("/usr/share/doc/python3.11/html/library");
  private static final Path SET = Path.of("retrieval/en-python-docs");

  private static Element body(String html) {
    return Jsoup.parse("<html><body><div class=\"body\">" + html + "</div></body></html>")
        .selectFirst("div.body");
  }

  @Test
  void keepsHeadingsParagraphsSignaturesAndListItemsOnceAndDropsCodeAndPermalinks() {
    Element body =
        body(
            "<h1>bisect — Array bisection<a class=\"headerlink\" href=\"#b\">¶</a></h1>"
                + "<p>Keeps a list   sorted.</p>"
                + "<pre>import bisect</pre>"
                + "<dl><dt>bisect.insort(a, x)<a class=\"headerlink\">¶</a></dt>"
                + "<dd><p>Insert x in a.</p></dd></dl>"
                + "<ul><li><p>first item</p></li></ul>"
                + "<table><tr><td>cell</td></tr></table>");

    assertThat(PythonDocsSet.title(body)).isEqualTo("bisect — Array bisection");
    assertThat(PythonDocsSet.text(body))
        .isEqualTo("Keeps a list sorted.\nbisect.insort(a, x)\nInsert x in a.\nfirst item");
  }

  @Test
  void everyQuestionIsJudgedAgainstAListedPage() throws Exception {
    Set<String> pages = new HashSet<>();
    for (String line : Files.readAllLines(SET.resolve("pages.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        pages.add(line.strip());
      }
    }
    ObjectMapper json = new ObjectMapper();
    Set<String> questions = new HashSet<>();
    for (String line : Files.readAllLines(SET.resolve("queries.jsonl"))) {
      questions.add(json.readTree(line).get("_id").asText());
    }
    Set<String> judged = new HashSet<>();
    List<String> qrels = Files.readAllLines(SET.resolve("qrels/test.tsv"));
    for (String line : qrels.subList(1, qrels.size())) {
      String[] f = line.split("\t");
      assertThat(pages).as("page of %s", f[0]).contains(f[1]);
      judged.add(f[0]);
    }

    assertThat(judged).isEqualTo(questions);
    assertThat(pages).hasSizeGreaterThanOrEqualTo(100);
  }

  @Test
  void buildsTheSameCorpusTwiceFromTheInstalledPackage(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.isDirectory(HTML), "python3.11-doc is not installed: apt-get install python3.11-doc");
    for (String out : List.of("a", "b")) {
      int exit =
          new CommandLine(new PythonDocsSet())
              .execute(
                  "--html", HTML.toString(),
                  "--set", SET.toString(),
                  "--out", dir.resolve(out).toString());
      assertThat(exit).as("build into %s", out).isZero();
    }

    byte[] corpus = Files.readAllBytes(dir.resolve("a/corpus.jsonl"));
    assertThat(corpus).isEqualTo(Files.readAllBytes(dir.resolve("b/corpus.jsonl")));
    List<String> lines = Files.readAllLines(dir.resolve("a/corpus.jsonl"));
    assertThat(lines).hasSize(102);
    JsonNode bisect =
        new ObjectMapper()
            .readTree(
                lines.stream()
                    .filter(l -> l.contains("\"_id\":\"bisect\""))
                    .findFirst()
                    .orElseThrow());
    assertThat(bisect.get("title").asText()).isEqualTo("bisect — Array bisection algorithm");
    assertThat(bisect.get("text").asText()).contains("insertion point").doesNotContain("¶");
    assertThat(dir.resolve("a/queries.jsonl"))
        .hasSameTextualContentAs(SET.resolve("queries.jsonl"));
  }
}
