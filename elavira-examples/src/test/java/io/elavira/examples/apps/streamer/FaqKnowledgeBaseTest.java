package io.elavira.examples.apps.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqKnowledgeBaseTest {
  @TempDir Path dir;

  /** Keeps what it is asked to index. */
  static final class Recording implements DocumentIndexer {
    final List<Document> documents = new ArrayList<>();
    final List<List<Chunk>> chunks = new ArrayList<>();

    @Override
    public IndexResult index(Document document, List<Chunk> c) {
      documents.add(document);
      chunks.add(c);
      return new IndexResult("d1", document.name(), IndexResult.Status.ADDED, c.size());
    }

    @Override
    public IndexResult index(Document document, List<Chunk> c, String ownerId) {
      return index(document, c);
    }

    @Override
    public List<IndexResult> indexAll(List<IndexRequest> requests) {
      throw new UnsupportedOperationException("not used by the FAQ");
    }
  }

  @Test
  void indexesEachYamlPairAsOnePassageHeadedByItsQuestion() throws Exception {
    Path faq = dir.resolve("faq.yaml");
    Files.writeString(
        faq,
        "faq:\n  - question: When do you stream?\n    answer: Tuesdays at 8 pm.\n"
            + "  - question: Which keyboard?\n    answer: A Keychron Q1.\n");
    Recording indexer = new Recording();

    FaqKnowledgeBase.read(faq).indexInto(indexer);

    assertThat(indexer.documents).hasSize(1);
    assertThat(indexer.documents.get(0).name()).isEqualTo("faq.yaml");
    assertThat(indexer.documents.get(0).location()).isEqualTo(faq.toAbsolutePath().toString());
    List<Chunk> chunks = indexer.chunks.get(0);
    assertThat(chunks)
        .extracting(Chunk::text)
        .containsExactly(
            "Q: When do you stream?\nA: Tuesdays at 8 pm.",
            "Q: Which keyboard?\nA: A Keychron Q1.");
    assertThat(chunks)
        .extracting(Chunk::section)
        .containsExactly("When do you stream?", "Which keyboard?");
    assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1);
  }

  @Test
  void readsATopLevelJsonList() throws Exception {
    Path faq = dir.resolve("faq.json");
    Files.writeString(faq, "[{\"question\": \"Q1?\", \"answer\": \"A1.\"}]");

    assertThat(FaqKnowledgeBase.read(faq).entries())
        .containsExactly(new FaqKnowledgeBase.Entry("Q1?", "A1."));
  }

  @Test
  void namesTheFileAndThePairThatIsWrong() throws Exception {
    Path blank = dir.resolve("blank.yaml");
    Files.writeString(blank, "- question: Q1?\n  answer: A1.\n- question: Q2?\n  answer: ' '\n");
    Path notAList = dir.resolve("map.json");
    Files.writeString(notAList, "{\"questions\": 3}");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"question\": ");
    Path text = dir.resolve("faq.txt");
    Files.writeString(text, "Q: A");

    assertThatThrownBy(() -> FaqKnowledgeBase.read(blank))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("blank.yaml, pair 2: \"answer\" is missing or blank");
    assertThatThrownBy(() -> FaqKnowledgeBase.read(notAList))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("must be a list of {question, answer} pairs");
    assertThatThrownBy(() -> FaqKnowledgeBase.read(broken))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("broken.json is not valid JSON");
    assertThatThrownBy(() -> FaqKnowledgeBase.read(text))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("a FAQ file is .json, .yaml or .yml");
  }
}
