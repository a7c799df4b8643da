package io.elavira.ingest.export;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jspecify.annotations.Nullable;

/**
 * Builds the HTML page a PDF is printed from: the body rendered by CommonMark's HTML renderer with
 * raw HTML escaped and link targets sanitised, images replaced by their description, the letter
 * parts as text nodes (never markup), the language on the root element and a print style sheet (A4,
 * margins, the letter layout, the embedded fonts by family name). Immutable and thread-safe.
 */
final class HtmlPage {
  /** The family name the embedded sans-serif faces are registered under. */
  static final String SANS = "Liberation Sans";

  /** The family name the embedded monospace faces are registered under. */
  static final String MONO = "Liberation Mono";

  private static final String CSS =
      """
      @page { size: A4; margin: 22mm 24mm 22mm 24mm; }
      html { font-family: '%1$s'; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; }
      body { margin: 0; word-wrap: break-word; }
      h1 { font-size: 17pt; margin: 0 0 8pt 0; color: #1f3864; }
      h2 { font-size: 13.5pt; margin: 14pt 0 6pt 0; color: #1f3864; }
      h3, h4, h5, h6 { font-size: 11.5pt; margin: 12pt 0 4pt 0; color: #1f3864; }
      h1, h2, h3, h4, h5, h6 { page-break-after: avoid; }
      p { margin: 0 0 8pt 0; }
      ul, ol { margin: 0 0 8pt 0; padding-left: 18pt; }
      li { margin: 0 0 2pt 0; }
      li > p { margin: 0 0 2pt 0; }
      blockquote { margin: 0 0 8pt 10pt; padding-left: 8pt; border-left: 1.5pt solid #9aa5b8; }
      code, pre { font-family: '%2$s'; font-size: 9pt; }
      pre { white-space: pre-wrap; margin: 0 0 8pt 0; }
      hr { border: 0; border-top: 0.5pt solid #9aa5b8; margin: 8pt 0; }
      table { border-collapse: collapse; width: 100%%; margin: 0 0 8pt 0; }
      th, td { border: 0.5pt solid #9aa5b8; padding: 2pt 5pt; text-align: left; vertical-align: top; }
      a { color: #0b4f9c; text-decoration: none; }
      .sender { margin: 0 0 12mm 0; }
      .recipient { margin: 0 0 12mm 50%%; }
      .date { margin: 0 0 10mm 0; }
      .lang-fr .date { margin-left: 50%%; }
      .subject { font-weight: bold; margin: 0 0 8mm 0; }
      .signature { margin: 10mm 0 0 0; page-break-inside: avoid; }
      .lang-fr .signature { margin-left: 50%%; }
      """
          .formatted(SANS, MONO);

  private static final char NON_BREAKING_HYPHEN = '\u2011';
  private static final char HYPHEN = '\u2010';

  private final Parser parser =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder()
          .extensions(List.of(TablesExtension.create()))
          .escapeHtml(true)
          .sanitizeUrls(true)
          .build();

  /** The page of a document, as a jsoup document ready to convert to W3C DOM. */
  Document page(ExportDocument document) {
    Document page = Document.createShell("");
    Element root = page.selectFirst("html");
    if (root != null) {
      root.attr("lang", document.language().tag());
    }
    page.title(document.title());
    page.head().appendElement("meta").attr("name", "subject").attr("content", document.title());
    page.head().appendElement("style").appendChild(new DataNode(CSS));
    Element body = page.body();
    body.addClass("lang-" + document.language().code());
    document
        .letter()
        .ifPresent(
            letter -> {
              body.addClass("letter");
              lines(body.appendElement("div").addClass("sender"), letter.sender());
              lines(body.appendElement("div").addClass("recipient"), letter.recipient());
              lines(body.appendElement("p").addClass("date"), letter.placeAndDate());
              lines(body.appendElement("p").addClass("subject"), letter.subject());
            });
    Element content = body.appendElement("div").addClass("content");
    content.html(renderer.render(parser.parse(document.body())));
    for (Element image : content.select("img")) {
      image.replaceWith(new TextNode(image.attr("alt")));
    }
    document
        .letter()
        .ifPresent(
            letter -> lines(body.appendElement("div").addClass("signature"), letter.signature()));
    for (TextNode text : textNodes(body)) {
      printable(text);
    }
    return page;
  }

  private static List<TextNode> textNodes(Element root) {
    List<TextNode> all = new ArrayList<>();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof TextNode text) {
            all.add(text);
          }
        },
        root);
    return all;
  }

  /**
   * Makes one text node print in reading order with the embedded fonts. The renderer draws the text
   * an inline box holds directly before the boxes nested in it, so that in {@code a <b>b</b> c} the
   * content stream (which PDF text extraction follows) would read "a c b": every text node that
   * shares its parent with other inline content goes into a span of its own, so that no box holds
   * both text and boxes. And the one typographic character the Liberation faces lack, the
   * non-breaking hyphen, becomes a hyphen (U+2010), which they have.
   */
  private static void printable(TextNode text) {
    if (text.getWholeText().indexOf(NON_BREAKING_HYPHEN) >= 0) {
      text.text(text.getWholeText().replace(NON_BREAKING_HYPHEN, HYPHEN));
    }
    Element parent = text.parent();
    if (parent == null || parent.nameIs("pre") || parent.childNodeSize() == 1) {
      return;
    }
    if (text.isBlank()
        && (isBlockOrAbsent(text.previousSibling()) || isBlockOrAbsent(text.nextSibling()))) {
      return;
    }
    text.wrap("<span></span>");
  }

  private static boolean isBlockOrAbsent(@Nullable Node node) {
    return node == null || (node instanceof Element element && element.isBlock());
  }

  private static void lines(Element target, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        target.appendElement("br");
      }
      target.appendText(lines[i].strip());
    }
  }
}
