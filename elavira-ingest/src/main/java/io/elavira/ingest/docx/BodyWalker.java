package io.elavira.ingest.docx;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTVMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/** Turns the body of one DOCX into blocks; one instance per parse, not thread-safe. */
final class BodyWalker {
  private static final String SECTION_SEPARATOR = " > ";

  private final XWPFDocument document;
  private final List<Block> blocks = new ArrayList<>();
  private final Deque<Integer> levels = new ArrayDeque<>();
  private final Deque<String> headings = new ArrayDeque<>();
  private final List<String> listItems = new ArrayList<>();
  private @Nullable String section;
  private @Nullable String title;

  BodyWalker(XWPFDocument document) {
    this.document = document;
  }

  List<Block> blocks() {
    flushList();
    return blocks;
  }

  @Nullable String title() {
    return title;
  }

  void body(List<IBodyElement> elements) {
    for (IBodyElement element : elements) {
      if (element instanceof XWPFParagraph paragraph) {
        paragraph(paragraph);
      } else if (element instanceof XWPFTable table) {
        flushList();
        String text = table(table);
        if (!text.isBlank()) {
          blocks.add(new Block(BlockType.TABLE, text, section, null));
        }
      } else if (element instanceof XWPFSDT sdt) {
        flushList();
        add(BlockType.PARAGRAPH, sdt.getContent().getText());
      }
    }
  }

  /** The text of a header or footer: paragraphs on lines, table rows as their cells. */
  String plainText(List<IBodyElement> elements) {
    List<String> lines = new ArrayList<>();
    for (IBodyElement element : elements) {
      if (element instanceof XWPFParagraph paragraph) {
        String text = paragraph.getText().strip();
        if (!text.isEmpty()) {
          lines.add(text);
        }
      } else if (element instanceof XWPFTable table) {
        String text = cellsText(table);
        if (!text.isEmpty()) {
          lines.add(text);
        }
      }
    }
    return String.join("\n", lines);
  }

  private void paragraph(XWPFParagraph paragraph) {
    String text = paragraph.getText().strip();
    if (text.isEmpty()) {
      return;
    }
    int level = headingLevel(paragraph);
    if (level > 0) {
      flushList();
      while (!levels.isEmpty() && levels.peekLast() >= level) {
        levels.removeLast();
        headings.removeLast();
      }
      levels.addLast(level);
      headings.addLast(text.replace('\n', ' '));
      section = String.join(SECTION_SEPARATOR, headings);
      if (title == null && level == 1 && isTitleStyle(paragraph)) {
        title = text;
      }
      blocks.add(new Block(BlockType.HEADING, text, section, null));
      return;
    }
    BigInteger numId = paragraph.getNumID();
    if (numId != null) {
      BigInteger ilvl = paragraph.getNumIlvl();
      int depth = ilvl == null ? 0 : ilvl.intValue();
      String format = paragraph.getNumFmt();
      String marker =
          format == null || "bullet".equals(format) ? "-" : (listItems.size() + 1) + ".";
      listItems.add("  ".repeat(Math.min(depth, 8)) + marker + " " + text);
      return;
    }
    flushList();
    add(BlockType.PARAGRAPH, text);
  }

  private void flushList() {
    if (!listItems.isEmpty()) {
      blocks.add(new Block(BlockType.LIST, String.join("\n", listItems), section, null));
      listItems.clear();
    }
  }

  private void add(BlockType type, String text) {
    String stripped = text.strip();
    if (!stripped.isEmpty()) {
      blocks.add(new Block(type, stripped, section, null));
    }
  }

  private int headingLevel(XWPFParagraph paragraph) {
    String styleId = paragraph.getStyleID();
    if (styleId == null) {
      return 0;
    }
    XWPFStyle style = document.getStyles() == null ? null : document.getStyles().getStyle(styleId);
    String name =
        (style == null || style.getName() == null ? styleId : style.getName())
            .toLowerCase(Locale.ROOT)
            .replace(" ", "");
    if (name.equals("title")) {
      return 1;
    }
    if (name.startsWith("heading") && name.length() == "heading".length() + 1) {
      char digit = name.charAt(name.length() - 1);
      if (digit >= '1' && digit <= '9') {
        return digit - '0';
      }
    }
    if (style != null && style.getCTStyle().getPPr() != null) {
      CTPPrGeneral ppr = style.getCTStyle().getPPr();
      if (ppr.getOutlineLvl() != null && ppr.getOutlineLvl().getVal() != null) {
        int level = ppr.getOutlineLvl().getVal().intValue();
        return level < 9 ? level + 1 : 0; // 9 means body text
      }
    }
    return 0;
  }

  private boolean isTitleStyle(XWPFParagraph paragraph) {
    XWPFStyle style =
        document.getStyles() == null ? null : document.getStyles().getStyle(paragraph.getStyleID());
    return style != null && "title".equalsIgnoreCase(String.valueOf(style.getName()));
  }

  /** The table as pipe rows: padded to the widest row, a vertically merged cell's text once. */
  private static String table(XWPFTable table) {
    List<List<String>> rows = rows(table);
    int width = rows.stream().mapToInt(List::size).max().orElse(0);
    if (width == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      out.append('|');
      for (int c = 0; c < width; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        out.append(' ').append(cell.replace("|", "\\|")).append(" |");
      }
      out.append('\n');
      if (r == 0 && rows.size() > 1) {
        out.append('|').append(" --- |".repeat(width)).append('\n');
      }
    }
    return out.toString().strip();
  }

  private static List<List<String>> rows(XWPFTable table) {
    List<List<String>> rows = new ArrayList<>();
    for (XWPFTableRow row : table.getRows()) {
      List<String> cells = new ArrayList<>();
      for (XWPFTableCell cell : row.getTableCells()) {
        cells.add(continuesVerticalMerge(cell) ? "" : cellText(cell));
      }
      rows.add(cells);
    }
    return rows;
  }

  /** All the cells' text, space-separated, row after row (for headers and footers). */
  private static String cellsText(XWPFTable table) {
    List<String> parts = new ArrayList<>();
    for (List<String> row : rows(table)) {
      for (String cell : row) {
        if (!cell.isBlank()) {
          parts.add(cell);
        }
      }
    }
    return String.join(" ", parts);
  }

  private static String cellText(XWPFTableCell cell) {
    List<String> parts = new ArrayList<>();
    for (IBodyElement element : cell.getBodyElements()) {
      if (element instanceof XWPFParagraph paragraph) {
        String text = paragraph.getText().strip();
        if (!text.isEmpty()) {
          parts.add(text);
        }
      } else if (element instanceof XWPFTable nested) {
        String text = cellsText(nested);
        if (!text.isEmpty()) {
          parts.add(text);
        }
      }
    }
    return String.join(" ", parts).replace('\n', ' ');
  }

  private static boolean continuesVerticalMerge(XWPFTableCell cell) {
    CTTcPr properties = cell.getCTTc().getTcPr();
    if (properties == null) {
      return false;
    }
    CTVMerge merge = properties.getVMerge();
    return merge != null && (merge.getVal() == null || merge.getVal() == STMerge.CONTINUE);
  }
}
