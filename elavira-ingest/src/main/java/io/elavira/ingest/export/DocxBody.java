package io.elavira.ingest.export;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.jspecify.annotations.Nullable;

/**
 * Writes a parsed CommonMark body into a Word document: headings in the heading styles, paragraphs,
 * bullet and numbered lists on real numbering (nested lists one level deeper), bold, italic, code,
 * links (http, https and mailto only, as hyperlinks; other targets as plain text), block quotes
 * indented, code blocks in a monospace font, tables as Word tables. Raw HTML is written as text and
 * an image as its description. One instance per document; not thread-safe.
 */
final class DocxBody extends AbstractVisitor {
  private static final int CODE_HALF_POINTS = 19;
  private static final int QUOTE_INDENT = 567;
  private static final int LIST_STEP = 720;

  private final XWPFDocument document;
  private final DocxStyles styles;
  private final Deque<BigInteger> lists = new ArrayDeque<>();
  private @Nullable XWPFTableCell cell;
  private boolean cellParagraphUsed;
  private @Nullable XWPFParagraph paragraph;
  private boolean itemStarts;
  private int bold;
  private int italic;
  private int quotes;
  private @Nullable String link;

  DocxBody(XWPFDocument document, DocxStyles styles) {
    this.document = document;
    this.styles = styles;
  }

  /** Writes a block of plain text, its lines kept, optionally bold and indented. */
  void plain(String text, int indentLeft, boolean strong, int spacingBefore, int spacingAfter) {
    XWPFParagraph block = newParagraph();
    block.setIndentationLeft(indentLeft);
    block.setSpacingBefore(spacingBefore);
    block.setSpacingAfter(spacingAfter);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      XWPFRun run = block.createRun();
      run.setBold(strong);
      run.setText(lines[i].strip());
      if (i < lines.length - 1) {
        run.addBreak();
      }
    }
  }

  @Override
  public void visit(Heading heading) {
    paragraph = newParagraph();
    paragraph.setStyle(DocxStyles.headingStyle(heading.getLevel()));
    visitChildren(heading);
    paragraph = null;
  }

  @Override
  public void visit(Paragraph node) {
    paragraph = newParagraph();
    if (!lists.isEmpty()) {
      int level = lists.size() - 1;
      if (itemStarts) {
        paragraph.setNumID(lists.peekLast());
        paragraph.setNumILvl(BigInteger.valueOf(level));
        itemStarts = false;
      } else {
        paragraph.setIndentationLeft(LIST_STEP * (level + 1) + quotes * QUOTE_INDENT);
      }
      paragraph.setSpacingAfter(40);
    } else if (quotes > 0) {
      paragraph.setIndentationLeft(quotes * QUOTE_INDENT);
    }
    visitChildren(node);
    paragraph = null;
  }

  @Override
  public void visit(BulletList list) {
    list(list, styles.bullets());
  }

  @Override
  public void visit(OrderedList list) {
    Integer start = list.getMarkerStartNumber();
    list(list, styles.numbered(start == null ? 1 : start));
  }

  private void list(Node list, BigInteger numbering) {
    lists.addLast(numbering);
    visitChildren(list);
    lists.removeLast();
  }

  @Override
  public void visit(ListItem item) {
    itemStarts = true;
    visitChildren(item);
    itemStarts = false;
  }

  @Override
  public void visit(BlockQuote quote) {
    quotes++;
    visitChildren(quote);
    quotes--;
  }

  @Override
  public void visit(FencedCodeBlock code) {
    codeBlock(code.getLiteral());
  }

  @Override
  public void visit(IndentedCodeBlock code) {
    codeBlock(code.getLiteral());
  }

  @Override
  public void visit(HtmlBlock html) {
    plain(html.getLiteral().strip(), quotes * QUOTE_INDENT, false, 0, 120);
  }

  @Override
  public void visit(ThematicBreak rule) {
    XWPFParagraph line = newParagraph();
    line.setBorderBottom(Borders.SINGLE);
  }

  @Override
  public void visit(CustomBlock block) {
    if (block instanceof TableBlock table) {
      table(table);
    } else {
      visitChildren(block);
    }
  }

  @Override
  public void visit(Text text) {
    run(text.getLiteral(), false);
  }

  @Override
  public void visit(Code code) {
    run(code.getLiteral(), true);
  }

  @Override
  public void visit(HtmlInline html) {
    run(html.getLiteral(), false);
  }

  @Override
  public void visit(SoftLineBreak softBreak) {
    run(" ", false);
  }

  @Override
  public void visit(HardLineBreak hardBreak) {
    XWPFRun run = run("", false);
    if (run != null) {
      run.addBreak();
    }
  }

  @Override
  public void visit(Emphasis emphasis) {
    italic++;
    visitChildren(emphasis);
    italic--;
  }

  @Override
  public void visit(StrongEmphasis strong) {
    bold++;
    visitChildren(strong);
    bold--;
  }

  @Override
  public void visit(Link node) {
    String before = link;
    link = linkable(node.getDestination()) ? node.getDestination() : null;
    visitChildren(node);
    link = before;
  }

  private static boolean linkable(String destination) {
    String lower = destination.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://")
        || lower.startsWith("http://")
        || lower.startsWith("mailto:");
  }

  private @Nullable XWPFRun run(String text, boolean code) {
    XWPFParagraph target = paragraph;
    if (target == null) {
      return null;
    }
    String url = link;
    XWPFRun run;
    if (url != null) {
      run = target.createHyperlinkRun(url);
      run.setUnderline(UnderlinePatterns.SINGLE);
      run.setColor("0563C1");
    } else {
      run = target.createRun();
    }
    if (bold > 0) {
      run.setBold(true);
    }
    if (italic > 0) {
      run.setItalic(true);
    }
    if (code) {
      run.setFontFamily(DocxStyles.CODE_FONT);
    }
    if (!text.isEmpty()) {
      run.setText(text);
    }
    return run;
  }

  private void codeBlock(String literal) {
    XWPFParagraph block = newParagraph();
    block.setIndentationLeft(quotes * QUOTE_INDENT + (lists.isEmpty() ? 0 : LIST_STEP));
    String[] lines = literal.stripTrailing().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      XWPFRun run = block.createRun();
      run.setFontFamily(DocxStyles.CODE_FONT);
      run.setFontSize(CODE_HALF_POINTS / 2.0);
      run.setText(lines[i]);
      if (i < lines.length - 1) {
        run.addBreak();
      }
    }
  }

  private void table(TableBlock block) {
    List<TableRow> rows = new ArrayList<>();
    List<Boolean> header = new ArrayList<>();
    for (Node part = block.getFirstChild(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (row instanceof TableRow tableRow) {
          rows.add(tableRow);
          header.add(part instanceof TableHead);
        }
      }
    }
    int columns = 0;
    for (TableRow row : rows) {
      int count = 0;
      for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
        count++;
      }
      columns = Math.max(columns, count);
    }
    if (rows.isEmpty() || columns == 0 || cell != null) {
      return;
    }
    XWPFTable table = document.createTable(rows.size(), columns);
    table.setWidth("100%");
    for (int r = 0; r < rows.size(); r++) {
      int c = 0;
      for (Node node = rows.get(r).getFirstChild(); node != null; node = node.getNext(), c++) {
        if (node instanceof TableCell tableCell) {
          cell = table.getRow(r).getCell(c);
          cellParagraphUsed = false;
          paragraph = newParagraph();
          bold += header.get(r) ? 1 : 0;
          visitChildren(tableCell);
          bold -= header.get(r) ? 1 : 0;
          paragraph = null;
        }
      }
    }
    cell = null;
  }

  private XWPFParagraph newParagraph() {
    XWPFTableCell target = cell;
    if (target == null) {
      return document.createParagraph();
    }
    if (!cellParagraphUsed && !target.getParagraphs().isEmpty()) {
      cellParagraphUsed = true;
      return target.getParagraphs().get(0);
    }
    return target.addParagraph();
  }
}
