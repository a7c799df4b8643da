package io.elavira.ingest.internal;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Turns an HTML element tree (a web page, or the XHTML that Tika gives for ODT) into blocks:
 * headings opening sections, paragraphs, lists, code and tables one row per line. Not thread-safe:
 * one instance per traversal, through {@link #of}.
 */
public final class HtmlBlocks {
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "body",
          "blockquote",
          "ul",
          "ol",
          "pre",
          "table",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "dl",
          "dt",
          "dd",
          "figure",
          "figcaption",
          "address",
          "details",
          "summary",
          "hr",
          "br",
          "tr",
          "td",
          "th");

  private HtmlBlocks() {}

  /** The blocks of the element's content, in reading order. */
  public static List<Block> of(Element root) {
    HtmlBlocks walk = new HtmlBlocks();
    walk.container(root);
    walk.flush();
    return walk.blocks;
  }

  private final List<Block> blocks = new ArrayList<>();
  private final Deque<Integer> levels = new ArrayDeque<>();
  private final Deque<String> headings = new ArrayDeque<>();
  private final StringBuilder inline = new StringBuilder();
  private @Nullable String section;

  private void container(Element element) {
    for (Node child : element.childNodes()) {
      if (child instanceof TextNode text) {
        inline.append(text.text());
      } else if (child instanceof Element e) {
        if (BLOCKS.contains(e.normalName())) {
          flush();
          block(e);
        } else if (hasBlockChild(e)) {
          flush();
          container(e);
        } else {
          inline.append(' ').append(e.text()).append(' ');
        }
      }
    }
  }

  private static boolean hasBlockChild(Element e) {
    for (Element child : e.children()) {
      if (BLOCKS.contains(child.normalName()) || hasBlockChild(child)) {
        return true;
      }
    }
    return false;
  }

  private void flush() {
    add(BlockType.PARAGRAPH, inline.toString());
    inline.setLength(0);
  }

  private void block(Element e) {
    String name = e.normalName();
    switch (name) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(name.charAt(1) - '0', e.text());
      case "p", "dt", "dd", "figcaption", "address", "summary", "td", "th", "li" -> {
        if (hasBlockChild(e)) {
          container(e);
        } else {
          add(BlockType.PARAGRAPH, e.text());
        }
      }
      case "ul", "ol" -> list(e, name.equals("ol"));
      case "pre" -> add(BlockType.CODE, e.wholeText());
      case "table" -> table(e);
      case "hr", "br" -> {}
      default -> container(e);
    }
  }

  private void heading(int level, String text) {
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return;
    }
    while (!levels.isEmpty() && levels.peekLast() >= level) {
      levels.removeLast();
      headings.removeLast();
    }
    levels.addLast(level);
    headings.addLast(stripped);
    section = String.join(" > ", headings);
    blocks.add(new Block(BlockType.HEADING, stripped, section, null));
  }

  private void list(Element list, boolean ordered) {
    List<String> items = new ArrayList<>();
    for (Element item : list.children()) {
      if (item.normalName().equals("li")) {
        String text = item.text().strip();
        if (!text.isEmpty()) {
          items.add((ordered ? (items.size() + 1) + "." : "-") + " " + text);
        }
      }
    }
    add(BlockType.LIST, String.join("\n", items));
  }

  private void table(Element table) {
    List<String> rows = new ArrayList<>();
    int width = 0;
    for (Element row : table.select("tr")) {
      if (!table.equals(row.closest("table"))) {
        continue; // a nested table's row is read inside its cell
      }
      List<String> cells = new ArrayList<>();
      for (Element cell : row.children()) {
        if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
          cells.add(cell.text().strip().replace("|", "\\|"));
        }
      }
      width = Math.max(width, cells.size());
      if (!cells.isEmpty()) {
        rows.add("| " + String.join(" | ", cells) + " |");
      }
    }
    if (rows.size() > 1 && width > 0) {
      rows.add(1, "|" + " --- |".repeat(width));
    }
    add(BlockType.TABLE, String.join("\n", rows));
  }

  private void add(BlockType type, String text) {
    String cleaned =
        switch (type) {
          case CODE -> text.strip();
          case LIST, TABLE ->
              String.join(
                  "\n",
                  text.lines()
                      .map(l -> l.replaceAll("\\s+", " ").strip())
                      .filter(l -> !l.isEmpty())
                      .toList());
          default -> text.replaceAll("\\s+", " ").strip();
        };
    if (!cleaned.isEmpty()) {
      blocks.add(new Block(type, cleaned, section, null));
    }
  }
}
