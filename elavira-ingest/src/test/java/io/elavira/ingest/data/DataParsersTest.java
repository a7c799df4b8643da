package io.elavira.ingest.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.ingest.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DataParsersTest {

  private static Document parse(DocumentParser parser, String fixture) {
    return parser.parse(new ByteArrayInputStream(SharedData.bytes(fixture)), fixture);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Nested
  class Json extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new JsonParser();
    }

    @Override
    protected byte[] validSample() {
      return utf8(
          "{\"name\":\"Ada\",\"skills\":[\"Java\",\"Rust\"],\"address\":{\"city\":\"Paris\"},"
              + "\"jobs\":[{\"year\":2024,\"role\":\"Lead\"},{\"year\":2020,\"role\":\"Dev\"}]}");
    }

    @Override
    protected String validSampleName() {
      return "cv.json";
    }

    @Test
    void flattensToPathValueLinesAndGivesEachRecordItsOwnBlock() {
      Document document = parser().parse(new ByteArrayInputStream(validSample()), "cv.json");

      assertThat(document.blocks())
          .extracting(Block::text)
          .containsExactly(
              "name: Ada\nskills: Java, Rust\naddress.city: Paris",
              "year: 2024\nrole: Lead",
              "year: 2020\nrole: Dev");
      assertThat(document.blocks().get(1).section()).isEqualTo("jobs");
    }

    @Test
    void readsTheSharedArrayOfElementsRecordByRecord() {
      Document document = parse(parser(), "structured/simple.json");

      assertThat(document.blocks()).hasSize(8);
      assertThat(document.blocks().get(0).text())
          .contains("text: These are a few of my favorite things:", "type: Title");
    }
  }

  @Nested
  class Yaml extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new YamlParser();
    }

    @Override
    protected byte[] validSample() {
      return utf8("---\nname: Ada\nskills:\n  - Java\n  - Rust\n---\nname: Grace\n");
    }

    @Override
    protected String validSampleName() {
      return "people.yaml";
    }

    @Override
    protected byte[] garbage() {
      return utf8("key: [unclosed\n  - : : {\n");
    }

    @Test
    void flattensTheSharedYamlIncludingNestedMapsAndLists() {
      String text = parse(parser(), "structured/simple.yaml").text();

      assertThat(text.lines())
          .contains(
              "pi: 3.14159",
              "xmas: true",
              "calling-birds: huey, dewey, louie, fred",
              "xmas-fifth-day.partridges.location: a pear tree");
    }

    @Test
    void readsEveryDocumentOfAStream() {
      assertThat(parser().parse(new ByteArrayInputStream(validSample()), "p.yaml").text())
          .contains("name: Ada", "skills: Java, Rust", "name: Grace");
    }
  }

  @Nested
  class Xml extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new XmlParser();
    }

    @Override
    protected byte[] validSample() {
      return utf8("<?xml version=\"1.0\"?><cv><name>Ada</name><job><role>Lead</role></job></cv>");
    }

    @Override
    protected String validSampleName() {
      return "cv.xml";
    }

    @Test
    void readsEachRecordOfTheFactbookWithTagsDroppedInUtf8AndUtf16() {
      for (String fixture :
          new String[] {"structured/factbook.xml", "structured/factbook-utf-16.xml"}) {
        Document document = parse(parser(), fixture);

        assertThat(document.blocks()).hasSize(4);
        assertThat(document.blocks().get(0).text()).startsWith("United States\n");
        assertThat(document.text()).contains("Joe Biden", "Trinidad & Tobado").doesNotContain("<");
      }
    }

    @Test
    void neverResolvesExternalEntities() {
      byte[] xxe =
          utf8(
              "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                  + "<x><a>safe</a><b>&e;</b></x>");

      Document document = parser().parse(new ByteArrayInputStream(xxe), "xxe.xml");

      assertThat(document.text()).contains("safe").doesNotContain("root:");
    }

    @Test
    void givesTheSameTextAsThePlainTextOfTheDeclaration() {
      String xml = parse(parser(), "cross-format/eng_spa_mult.xml").text().replaceAll("\\s+", " ");
      String text =
          new String(SharedData.bytes("cross-format/eng_spa_mult.txt"), StandardCharsets.UTF_8)
              .replaceAll("\\s+", " ");

      assertThat(xml.strip()).isEqualTo(text.strip());
    }
  }

  @Nested
  class Csv extends DocumentParserContract {
    @Override
    protected DocumentParser parser() {
      return new CsvParser();
    }

    @Override
    protected byte[] validSample() {
      return utf8("name\tcity\tyears\nAda\tParis\t12\nGrace\tNew York\t30\n");
    }

    @Override
    protected String validSampleName() {
      return "people.csv";
    }

    @Test
    void rendersEveryRowWithItsHeadersInUtf8AndUtf16() {
      for (String fixture :
          new String[] {"structured/stanley-cups.csv", "structured/stanley-cups-utf-16.csv"}) {
        Document document = parse(parser(), fixture);

        assertThat(document.blocks())
            .extracting(Block::text)
            .containsExactly(
                "Stanley Cups",
                "Team: Blues | Location: STL | Stanley Cups: 1\n"
                    + "Team: Flyers | Location: PHI | Stanley Cups: 2\n"
                    + "Team: Maple Leafs | Location: TOR | Stanley Cups: 13");
        assertThat(document.metadata()).containsEntry(CsvParser.DELIMITER_KEY, ",");
      }
    }

    @Test
    void detectsTabsSemicolonsAndQuotedCommas() {
      assertThat(parser().parse(new ByteArrayInputStream(validSample()), "p.csv").text())
          .contains("name: Ada | city: Paris | years: 12");
      Document semicolons = parse(parser(), "structured/semicolon-delimited.csv");
      assertThat(semicolons.metadata()).containsEntry(CsvParser.DELIMITER_KEY, ";");
      assertThat(semicolons.text().lines().toList())
          .hasSize(5)
          .first()
          .isEqualTo("Lorem, ipsum | dolor sit | amet");
      Document quoted = parse(parser(), "structured/csv-with-escaped-commas.csv");
      assertThat(quoted.text().lines().toList())
          .containsExactly("A | A | A | A | A", "A | A | A | A,A | A", "A | A | A | A,A | A");
    }
  }
}
