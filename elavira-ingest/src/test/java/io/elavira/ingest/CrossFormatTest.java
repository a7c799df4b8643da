package io.elavira.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.text.PlainTextParser;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class CrossFormatTest {

  private static String normalisedText(DocumentParser parser, String fixture) {
    Document document =
        parser.parse(
            new ByteArrayInputStream(SharedData.bytes("cross-format/" + fixture)), fixture);
    return document.text().replaceAll("\\s+", " ").strip();
  }

  @Test
  void textAndMarkdownOfTheSameDeclarationGiveTheSameText() {
    String text = normalisedText(new PlainTextParser(), "eng_spa_mult.txt");
    String markdown = normalisedText(new MarkdownParser(), "eng_spa_mult.md");

    assertThat(markdown).isEqualTo(text);
    assertThat(text).hasSize(3085).contains("Todos los seres humanos nacen libres e iguales");
  }

  @Test
  void readsTheCarrotStoryAsText() {
    String text = normalisedText(new PlainTextParser(), "story-about-happy-carrot.txt");

    assertThat(text)
        .startsWith(
            "Once upon a time in the town of VeggieVille, "
                + "there lived a cheerful carrot named Charlie.");
    assertThat(text).hasSize(2493);
  }
}
