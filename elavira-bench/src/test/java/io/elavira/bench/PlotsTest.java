package io.elavira.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlotsTest {
  private static final List<String> DOC =
      List.of(
          "# Stores",
          "| unmarked | table |",
          "|---|---|",
          "| 1 | 2 |",
          "<!-- plot retrieval \"English\" -->",
          "| retrieval | nDCG@10 | MRR@10 |",
          "|---|---|---|",
          "| dense (MiniLM) | 0.8012 | 0.75 |",
          "| lexical (BM25) | **0.9636** | 0.95 |",
          "| hybrid, RRF 1:1 (default) | 0.9240 | 0.90 |",
          "",
          "<!-- plot ann \"10k\" -->",
          "",
          "| store | build s | p50 ms | recall@10 |",
          "|---|---|---|---|",
          "| Elavira embedded default (Lucene HNSW) | 7.8 | 17.84 * | 0.999 |",
          "| raw Lucene 9.12 HNSW, int8, same parameters | 13.5 | 0.71 | 0.979 |",
          "| LangChain4j InMemoryEmbeddingStore (exact) | 0.0 | in memory | 1.000 |");

  @Test
  void readsOnlyTheTablesAfterAMarkerWithTheirNameAndKind() {
    List<Plots.Table> tables = Plots.tables(DOC);

    assertThat(tables).extracting(Plots.Table::kind).containsExactly("retrieval", "ann");
    assertThat(tables).extracting(Plots.Table::name).containsExactly("English", "10k");
    assertThat(tables.get(1).rows()).hasSize(3);
  }

  @Test
  void readsTheNumberInACellDespiteEmphasisAndFootnoteMarks() {
    Plots.Table retrieval = Plots.tables(DOC).get(0);
    Plots.Table ann = Plots.tables(DOC).get(1);

    assertThat(retrieval.number(retrieval.rows().get(1), "nDCG@10")).isEqualTo(0.9636);
    assertThat(ann.number(ann.rows().get(0), "p50 ms")).isEqualTo(17.84);
    assertThat(ann.number(ann.rows().get(2), "build s")).isEqualTo(0.0);
    assertThat(ann.number(ann.rows().get(2), "p50 ms")).isNaN();
  }

  @Test
  void namesTheTableAndItsColumnsWhenAColumnIsMissing() {
    Plots.Table ann = Plots.tables(DOC).get(1);

    assertThatThrownBy(() -> ann.number(ann.rows().get(0), "nDCG@10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"10k\"")
        .hasMessageContaining("p50 ms");
  }

  @Test
  void rejectsAMarkerThatNoTableFollows() {
    assertThatThrownBy(() -> Plots.tables(List.of("<!-- plot ann \"1M\" -->", "", "text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void shortensAStoreLabelToItsNameBeforeTheFirstParenthesisOrComma() {
    assertThat(Plots.shortLabel("raw Lucene 9.12 HNSW, int8, same parameters"))
        .isEqualTo("raw Lucene 9.12 HNSW");
    assertThat(Plots.shortLabel("**Elavira embedded default** (Lucene HNSW, int8)"))
        .isEqualTo("Elavira embedded default");
    assertThat(Plots.shortLabel("Chroma 1.0 server over HTTP"))
        .isEqualTo("Chroma 1.0 server over HTTP");
  }

  @Test
  void writesOnePngPerChartFromTheMarkedTables(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("stores.md");
    Files.write(doc, DOC);
    Path images = dir.resolve("images");

    int exit =
        new CommandLine(new Plots())
            .execute("--doc", doc.toString(), "--images", images.toString());

    assertThat(exit).isZero();
    for (String name : List.of("retrieval-ndcg", "ann-p50", "ann-recall")) {
      BufferedImage png = ImageIO.read(images.resolve(name + ".png").toFile());
      assertThat(png).as(name).isNotNull();
      assertThat(png.getWidth()).as(name).isEqualTo(900);
    }
  }
}
