package io.elavira.ingest.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The readable text of a raw HTML block in Markdown, through jsoup: comments, scripts, styles and
 * templates dropped, tags removed, every named and numeric character reference decoded (<code>
 * R&amp;eacute;sum&amp;eacute;</code> is indexed as "Résumé"), one line per source line, blank
 * lines removed. Stateless.
 */
final class HtmlText {
  private HtmlText() {}

  static String of(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    body.select("script, style, template, noscript").remove();
    StringBuilder out = new StringBuilder(html.length());
    for (String line : body.wholeText().lines().toList()) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(stripped);
      }
    }
    return out.toString();
  }
}
