package io.elavira.ingest.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextParserTest extends DocumentParserContract {
  private final PlainTextParser parser = new PlainTextParser();

  @Override
  protected DocumentParser parser() {
    return parser;
  }

  @Override
  protected byte[] validSample() {
    return ("Conditions d’utilisation\n\nVous pouvez annuler « sans frais » jusqu’à 61 jours "
            + "avant ; après, non !\n\nSecond paragraph.\n")
        .getBytes(UTF_8);
  }

  @Override
  protected String validSampleName() {
    return "conditions.txt";
  }

  private Document parse(byte[] bytes, String name) {
    return parser.parse(new ByteArrayInputStream(bytes), name);
  }

  private Document parse(String text, Charset charset) {
    return parse(text.getBytes(charset), "sample.txt");
  }

  @Test
  void readsTxtTextAndLogFiles() {
    assertThat(parser.extensions()).containsExactlyInAnyOrder("txt", "text", "log");
  }

  @Test
  void splitsParagraphsOnBlankLinesAndNormalisesLineEndings() {
    Document document =
        parse("First line\r\nsame paragraph.\r\n\r\n  \r\nSecond.\rThird line.", UTF_8);

    assertThat(document.blocks())
        .extracting(Block::text)
        .containsExactly("First line\nsame paragraph.", "Second.\nThird line.");
    assertThat(document.text()).doesNotContain("\r");
    assertThat(document.blocks())
        .allSatisfy(
            b -> {
              assertThat(b.section()).isNull();
              assertThat(b.page()).isNull();
            });
  }

  @Test
  void decodesStrictUtf8AndRecordsTheEncoding() {
    Document document = parse("Déjà “vu” — naïve café", UTF_8);

    assertThat(document.text()).isEqualTo("Déjà “vu” — naïve café");
    assertThat(document.metadata()).containsEntry(PlainTextParser.ENCODING_KEY, "UTF-8");
  }

  @Test
  void fallsBackToWindows1252WhenTheBytesAreNotUtf8() {
    Document document = parse("Prix : 5 € ; à bientôt, äöüß", Charset.forName("windows-1252"));

    assertThat(document.text()).isEqualTo("Prix : 5 € ; à bientôt, äöüß");
    assertThat(document.metadata()).containsEntry(PlainTextParser.ENCODING_KEY, "windows-1252");
  }

  @Test
  void decodesUtf8TextWithAStrayWindows1252PassageWithoutMojibake() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write("Café déjà vu — « très » bien. ".getBytes(UTF_8));
    bytes.write("Collé depuis un vieil éditeur : naïve.".getBytes(Charset.forName("windows-1252")));

    Document document = parse(bytes.toByteArray(), "mixed.txt");

    assertThat(document.text())
        .isEqualTo("Café déjà vu — « très » bien. Collé depuis un vieil éditeur : naïve.");
    assertThat(document.metadata())
        .containsEntry(PlainTextParser.ENCODING_KEY, "UTF-8+windows-1252");
  }

  @Test
  void fallsBackToLatin1WhenBytesAreUndefinedInWindows1252() {
    byte[] latin1 = "Grüße aus München, schön ist es hier. ".getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = java.util.Arrays.copyOf(latin1, latin1.length + 1);
    bytes[latin1.length] = (byte) 0x81;

    Document document = parse(bytes, "odd.txt");

    assertThat(document.text()).startsWith("Grüße aus München, schön");
    assertThat(document.metadata()).containsEntry(PlainTextParser.ENCODING_KEY, "ISO-8859-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE"})
  void honoursAByteOrderMark(String charsetName) {
    Charset charset = Charset.forName(charsetName);
    byte[] text = "\uFEFFÉté à Paris".getBytes(charset);

    Document document = parse(text, "bom.txt");

    assertThat(document.text()).isEqualTo("Été à Paris");
    assertThat(document.metadata()).containsEntry(PlainTextParser.ENCODING_KEY, charsetName);
  }

  @Test
  void recognisesUtf16WithoutAByteOrderMark() {
    Document document = parse("Plain ASCII text in UTF-16", StandardCharsets.UTF_16LE);

    assertThat(document.text()).isEqualTo("Plain ASCII text in UTF-16");
  }

  @Test
  void refusesControlCharactersAsBinary() {
    byte[] bytes = new byte[200];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 3 == 0 ? 0x01 + i % 8 : 'a');
    }

    assertThatThrownBy(() -> parse(bytes, "data.log"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
        .hasMessageContaining("data.log")
        .hasMessageContaining("looks binary");
  }

  @Test
  void acceptsLogsWithAnsiColourCodes() {
    String log = "\u001B[32mINFO\u001B[0m started\n\u001B[31mERROR\u001B[0m failed to connect\n";

    assertThat(parse(log, UTF_8).text()).contains("failed to connect");
  }

  @Test
  void numbersPagesWhenTheTextHasFormFeeds() {
    Document document = parse("Page one text.\n\fPage two text.\n\nMore on two.", UTF_8);

    assertThat(document.blocks()).extracting(Block::page).containsExactly(1, 2, 2);
  }

  @Test
  void typesShortLeadingLinesAsHeadingsAndBulletsAsLists() {
    Document document =
        parse(
            "Important points\n\n- Hamburgers are delicious\n- Dogs are the best\n\nThe end.",
            UTF_8);

    assertThat(document.blocks())
        .extracting(Block::type)
        .containsExactly(BlockType.HEADING, BlockType.LIST, BlockType.PARAGRAPH);
  }

  @Test
  void readsTheUtf16FixtureWithItsByteOrderMark() {
    Document document =
        parse(SharedData.bytes("text/fake-text-utf-16.txt"), "fake-text-utf-16.txt");

    assertThat(document.metadata()).containsEntry(PlainTextParser.ENCODING_KEY, "UTF-16LE");
    assertThat(document.text())
        .contains(
            "This is a test document to use for unit tests.",
            "Doylestown, PA 18901",
            "Important points:",
            "Hamburgers are delicious",
            "Dogs are the best",
            "I love fuzzy blankets");
    assertThat(document.text()).doesNotContain("\uFEFF", "\u0000");
  }

  @Test
  void keepsTypographicQuotesOfTheTermsOfUse() {
    Document document =
        parse(
            SharedData.bytes("text/miles-of-smiles-terms-of-use.txt"),
            "miles-of-smiles-terms-of-use.txt");

    assertThat(document.text())
        .contains(
            "(“Terms”)",
            "(“Services”)",
            "4. Cancellation Policy\n4.1 Reservations can be cancelled up to 61 days");
    assertThat(document.blocks()).hasSizeGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.txt", "empty-file.txt", "fake-text-all-whitespace.txt"})
  void reportsEmptyAndWhitespaceFixturesAsEmpty(String name) {
    byte[] bytes = SharedData.bytes("text/" + name);

    assertThatThrownBy(() -> parse(bytes, name))
        .isInstanceOfSatisfying(
            IngestException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.EMPTY);
              assertThat(e.file()).isEqualTo(name);
            })
        .hasMessageContaining(name);
  }
}
