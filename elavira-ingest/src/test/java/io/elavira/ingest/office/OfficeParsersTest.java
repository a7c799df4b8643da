package io.elavira.ingest.office;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.ingest.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OfficeParsersTest {

  private static String normalised(DocumentParser parser, String fixture) {
    Document document = parser.parse(new ByteArrayInputStream(SharedData.bytes(fixture)), fixture);
    return document.text().replaceAll("\\s+", " ").strip();
  }

  @Test
  void odtAndRtfGiveTheSameTextAsThePlainTextOfTheDeclaration() {
    String reference =
        new String(SharedData.bytes("cross-format/eng_spa_mult.txt"), StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ")
            .strip();

    assertThat(normalised(new OdtParser(), "cross-format/eng_spa_mult.odt")).isEqualTo(reference);
    assertThat(normalised(new RtfParser(), "cross-format/eng_spa_mult.rtf")).isEqualTo(reference);
  }

  @Nested
  class Odt extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new OdtParser();
    }

    @Override
    protected byte[] validSample() {
      return SharedData.bytes("cross-format/eng_spa_mult.odt");
    }

    @Override
    protected String validSampleName() {
      return "eng_spa_mult.odt";
    }
  }

  @Nested
  class Rtf extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new RtfParser();
    }

    @Override
    protected byte[] validSample() {
      return "{\\rtf1\\ansi\\ansicpg1252 {\\fonttbl\\f0 Arial;}\\f0 R\\'e9sum\\'e9 of {\\b Ada}.\\par Second paragraph.\\par}"
          .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected String validSampleName() {
      return "cv.rtf";
    }

    @Test
    void decodesCodePageEscapesAndSplitsParagraphs() {
      Document document =
          parser().parse(new ByteArrayInputStream(validSample()), validSampleName());

      assertThat(document.blocks())
          .extracting(b -> b.text())
          .containsExactly("Résumé of Ada.", "Second paragraph.");
    }
  }
}
