package io.elavira.ingest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes running headers and footers from paged text: a first or last line that comes back on most
 * pages (digits aside, so "Page 3 of 9" matches "Page 4 of 9") is page furniture, not content, and
 * would otherwise be repeated in every chunk. Needs at least {@value #MIN_PAGES} pages to tell.
 * Stateless.
 */
public final class PageCleaner {
  /** Below this many pages a repeated line cannot be told from content. */
  static final int MIN_PAGES = 3;

  /** A line is furniture when it is on at least this share of the pages. */
  private static final double MIN_SHARE = 0.6;

  private PageCleaner() {}

  /**
   * The pages without their running header and footer lines.
   *
   * @param pages each page's paragraphs, in order
   * @return a new list; pages and paragraphs left empty are dropped from their page
   */
  public static List<List<String>> withoutRunningHeaders(List<List<String>> pages) {
    if (pages.size() < MIN_PAGES) {
      return pages;
    }
    Map<String, Integer> firstLines = new HashMap<>();
    Map<String, Integer> lastLines = new HashMap<>();
    for (List<String> page : pages) {
      if (!page.isEmpty()) {
        firstLines.merge(key(firstLine(page.get(0))), 1, Integer::sum);
        lastLines.merge(key(lastLine(page.get(page.size() - 1))), 1, Integer::sum);
      }
    }
    int needed = Math.max(MIN_PAGES, (int) Math.ceil(pages.size() * MIN_SHARE));
    List<List<String>> cleaned = new ArrayList<>(pages.size());
    for (List<String> page : pages) {
      List<String> paragraphs = new ArrayList<>(page);
      if (!paragraphs.isEmpty()
          && firstLines.getOrDefault(key(firstLine(paragraphs.get(0))), 0) >= needed) {
        paragraphs.set(0, dropFirstLine(paragraphs.get(0)));
      }
      int last = paragraphs.size() - 1;
      if (last >= 0 && lastLines.getOrDefault(key(lastLine(paragraphs.get(last))), 0) >= needed) {
        paragraphs.set(last, dropLastLine(paragraphs.get(last)));
      }
      paragraphs.removeIf(String::isBlank);
      cleaned.add(paragraphs);
    }
    return cleaned;
  }

  private static String key(String line) {
    return line.strip().replaceAll("\\d+", "#").replaceAll("\\s+", " ");
  }

  private static String firstLine(String paragraph) {
    int nl = paragraph.indexOf('\n');
    return nl < 0 ? paragraph : paragraph.substring(0, nl);
  }

  private static String lastLine(String paragraph) {
    int nl = paragraph.lastIndexOf('\n');
    return nl < 0 ? paragraph : paragraph.substring(nl + 1);
  }

  private static String dropFirstLine(String paragraph) {
    int nl = paragraph.indexOf('\n');
    return nl < 0 ? "" : paragraph.substring(nl + 1).strip();
  }

  private static String dropLastLine(String paragraph) {
    int nl = paragraph.lastIndexOf('\n');
    return nl < 0 ? "" : paragraph.substring(0, nl).strip();
  }
}
