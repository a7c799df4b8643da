package io.elavira.ingest.export;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocDefaults;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The page, fonts, styles and list numbering of one exported Word document: A4 with 2.5 cm margins,
 * Arial 11 pt (Liberation Sans, the PDF's font, has the same metrics), headings as Word's own
 * "heading N" styles (so that Word's outline and Elavira's parser see them), the document's
 * language as the default for spelling, and real numbering definitions for bullet and numbered
 * lists. One instance per document; not thread-safe.
 */
final class DocxStyles {
  /** The body font; Liberation Sans (in the PDF) is metric-compatible with it. */
  static final String BODY_FONT = "Arial";

  /** The font of code. */
  static final String CODE_FONT = "Courier New";

  /** A4 in twentieths of a point. */
  static final int PAGE_WIDTH = 11_906;

  static final int PAGE_HEIGHT = 16_838;

  /** 2.5 cm. */
  static final int MARGIN = 1_417;

  /** Where the right half of the text area starts: the recipient, French date and signature. */
  static final int RIGHT_HALF_INDENT = (PAGE_WIDTH - 2 * MARGIN) / 2;

  private static final int BODY_HALF_POINTS = 22;
  private static final int[] HEADING_HALF_POINTS = {32, 28, 24, 22, 22, 22};
  private static final int LIST_INDENT = 360;

  private final XWPFDocument document;
  private final XWPFNumbering numbering;
  private @Nullable BigInteger bullets;
  private int nextAbstractNum;

  DocxStyles(XWPFDocument document, DocumentLanguage language) {
    this.document = document;
    CTStyles styles = CTStyles.Factory.newInstance();
    defaults(styles.addNewDocDefaults(), language);
    normal(styles.addNewStyle());
    for (int level = 1; level <= HEADING_HALF_POINTS.length; level++) {
      heading(styles.addNewStyle(), level);
    }
    document.createStyles().setStyles(styles);
    this.numbering = document.createNumbering();
  }

  /** The style id of a heading level, 1 to 6. */
  static String headingStyle(int level) {
    return "Heading" + Math.max(1, Math.min(level, HEADING_HALF_POINTS.length));
  }

  /** The numbering of all bullet lists (bullets need no restart). */
  BigInteger bullets() {
    BigInteger id = bullets;
    if (id == null) {
      id = addList(false, 1);
      bullets = id;
    }
    return id;
  }

  /** A new numbering for one numbered list, counting from {@code start}. */
  BigInteger numbered(int start) {
    return addList(true, start);
  }

  private BigInteger addList(boolean ordered, int start) {
    CTAbstractNum list = CTAbstractNum.Factory.newInstance();
    BigInteger abstractId = BigInteger.valueOf(nextAbstractNum++);
    list.setAbstractNumId(abstractId);
    for (int level = 0; level < 9; level++) {
      CTLvl lvl = list.addNewLvl();
      lvl.setIlvl(BigInteger.valueOf(level));
      lvl.addNewStart().setVal(BigInteger.valueOf(start));
      if (ordered) {
        lvl.addNewNumFmt().setVal(STNumberFormat.DECIMAL);
        lvl.addNewLvlText().setVal("%" + (level + 1) + ".");
      } else {
        lvl.addNewNumFmt().setVal(STNumberFormat.BULLET);
        lvl.addNewLvlText().setVal(level % 2 == 0 ? "•" : "–");
        CTFonts fonts = lvl.addNewRPr().addNewRFonts();
        fonts.setAscii(BODY_FONT);
        fonts.setHAnsi(BODY_FONT);
      }
      lvl.addNewLvlJc().setVal(STJc.LEFT);
      CTPPrGeneral ppr = lvl.addNewPPr();
      ppr.addNewInd().setLeft(BigInteger.valueOf((long) LIST_INDENT * 2 * (level + 1)));
      ppr.getInd().setHanging(BigInteger.valueOf(LIST_INDENT));
    }
    BigInteger added = numbering.addAbstractNum(new XWPFAbstractNum(list, numbering));
    return numbering.addNum(added);
  }

  /** Sets the page size and margins; called last, as the section properties end the body. */
  void page() {
    CTSectPr section = document.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    size.setW(BigInteger.valueOf(PAGE_WIDTH));
    size.setH(BigInteger.valueOf(PAGE_HEIGHT));
    CTPageMar margins = section.addNewPgMar();
    BigInteger margin = BigInteger.valueOf(MARGIN);
    margins.setTop(margin);
    margins.setBottom(margin);
    margins.setLeft(margin);
    margins.setRight(margin);
    margins.setHeader(BigInteger.valueOf(708));
    margins.setFooter(BigInteger.valueOf(708));
    margins.setGutter(BigInteger.ZERO);
  }

  private static void defaults(CTDocDefaults defaults, DocumentLanguage language) {
    CTRPr run = defaults.addNewRPrDefault().addNewRPr();
    CTFonts fonts = run.addNewRFonts();
    fonts.setAscii(BODY_FONT);
    fonts.setHAnsi(BODY_FONT);
    fonts.setCs(BODY_FONT);
    fonts.setEastAsia(BODY_FONT);
    run.addNewSz().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
    run.addNewSzCs().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
    run.addNewLang().setVal(language.tag());
    CTSpacing spacing = defaults.addNewPPrDefault().addNewPPr().addNewSpacing();
    spacing.setAfter(BigInteger.valueOf(120));
    spacing.setLine(BigInteger.valueOf(276));
    spacing.setLineRule(STLineSpacingRule.AUTO);
  }

  private static void normal(CTStyle style) {
    style.setType(STStyleType.PARAGRAPH);
    style.setStyleId("Normal");
    style.setDefault(true);
    style.addNewName().setVal("Normal");
    style.addNewQFormat();
  }

  private static void heading(CTStyle style, int level) {
    style.setType(STStyleType.PARAGRAPH);
    style.setStyleId(headingStyle(level));
    style.addNewName().setVal("heading " + level);
    style.addNewBasedOn().setVal("Normal");
    style.addNewNext().setVal("Normal");
    style.addNewUiPriority().setVal(BigInteger.valueOf(9));
    style.addNewQFormat();
    CTPPrGeneral paragraph = style.addNewPPr();
    paragraph.addNewKeepNext();
    paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1L));
    CTSpacing spacing = paragraph.addNewSpacing();
    spacing.setBefore(BigInteger.valueOf(level == 1 ? 240 : 200));
    spacing.setAfter(BigInteger.valueOf(80));
    CTRPr run = style.addNewRPr();
    run.addNewB();
    run.addNewBCs();
    run.addNewColor().setVal("1F3864");
    run.addNewSz().setVal(BigInteger.valueOf(HEADING_HALF_POINTS[level - 1]));
    run.addNewSzCs().setVal(BigInteger.valueOf(HEADING_HALF_POINTS[level - 1]));
  }
}
