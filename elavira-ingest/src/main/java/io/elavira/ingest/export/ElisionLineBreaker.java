package io.elavira.ingest.export;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * The renderer's own line breaker (the JDK's line rules, URLs breakable), except after an elided
 * article: the JDK allows a break after a typographic apostrophe, which printed "données d’" at the
 * end of a line and "exploitation" on the next. A break between an apostrophe and a letter is
 * skipped. One instance per rendering; not thread-safe.
 */
final class ElisionLineBreaker implements FSTextBreaker {
  private final FSTextBreaker delegate;
  private String text = "";

  ElisionLineBreaker(DocumentLanguage language) {
    this.delegate =
        new UrlAwareLineBreakIterator(
            BreakIterator.getLineInstance(Locale.forLanguageTag(language.tag())));
  }

  @Override
  public int next() {
    int boundary = delegate.next();
    while (boundary > 0 && boundary < text.length() && splitsElision(boundary)) {
      boundary = delegate.next();
    }
    return boundary;
  }

  private boolean splitsElision(int boundary) {
    char before = text.charAt(boundary - 1);
    return (before == '\u2019' || before == '\'') && Character.isLetter(text.charAt(boundary));
  }

  @Override
  public void setText(String newText) {
    this.text = newText;
    delegate.setText(newText);
  }
}
