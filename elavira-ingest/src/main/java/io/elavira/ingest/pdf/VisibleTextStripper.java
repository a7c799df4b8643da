package io.elavira.ingest.pdf;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceRGBColor;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.jspecify.annotations.Nullable;

/**
 * A text stripper that keeps only the glyphs a reader can see: text drawn in white, at zero size,
 * in invisible rendering mode, outside the clipping path or outside the page is dropped, since
 * hidden text is a known way to plant instructions in a retrieval index. Keeps the content stream
 * order (no sorting by position), which for a multi-column page reads one column after the other.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class VisibleTextStripper extends PDFTextStripper {
  private static final float WHITE = 0.97f;
  private int dropped;
  private @Nullable PDRectangle pageBox;

  VisibleTextStripper() {
    setSortByPosition(false);
    setLineSeparator("\n");
    setParagraphEnd("\n\n");
    setPageEnd("");
    setWordSeparator(" ");
    addOperator(new SetNonStrokingColorSpace(this));
    addOperator(new SetNonStrokingColor(this));
    addOperator(new SetNonStrokingColorN(this));
    addOperator(new SetNonStrokingDeviceRGBColor(this));
    addOperator(new SetNonStrokingDeviceGrayColor(this));
    addOperator(new SetNonStrokingDeviceCMYKColor(this));
    addOperator(new SetStrokingColorSpace(this));
    addOperator(new SetStrokingColor(this));
    addOperator(new SetStrokingColorN(this));
    addOperator(new SetStrokingDeviceRGBColor(this));
    addOperator(new SetStrokingDeviceGrayColor(this));
    addOperator(new SetStrokingDeviceCMYKColor(this));
    new ClipTracker(this).operators().forEach(this::addOperator);
  }

  /** How many glyphs were dropped as invisible since this stripper was created. */
  int droppedGlyphs() {
    return dropped;
  }

  @Override
  protected void startPage(PDPage page) throws IOException {
    pageBox = page.getCropBox();
    super.startPage(page);
  }

  @Override
  protected void processTextPosition(TextPosition text) {
    if (visible(text)) {
      super.processTextPosition(text);
    } else {
      dropped++;
    }
  }

  private boolean visible(TextPosition text) {
    if (text.getFontSizeInPt() <= 0.01f
        || (text.getHeightDir() <= 0.01f && text.getWidthDirAdj() <= 0.01f)) {
      return false;
    }
    PDGraphicsState state = getGraphicsState();
    RenderingMode mode = state.getTextState().getRenderingMode();
    if (mode == RenderingMode.NEITHER || mode == RenderingMode.NEITHER_CLIP) {
      return false;
    }
    if ((mode.isFill() && isWhite(state.getNonStrokingColor()))
        || (!mode.isFill() && mode.isStroke() && isWhite(state.getStrokingColor()))) {
      return false;
    }
    // Text matrix coordinates: x from the left, y from the bottom of the page.
    float x = text.getTextMatrix().getTranslateX();
    float y = text.getTextMatrix().getTranslateY();
    PDRectangle box = pageBox;
    if (box != null
        && (x + text.getWidth() < box.getLowerLeftX()
            || x > box.getUpperRightX()
            || y + text.getHeight() < box.getLowerLeftY()
            || y > box.getUpperRightY())) {
      return false;
    }
    Rectangle2D clip = state.getCurrentClippingPath().getBounds2D();
    double cx = x + Math.max(text.getWidth(), 0.1f) / 2;
    double cy = y + Math.max(text.getHeight(), 0.1f) / 2;
    return clip.contains(cx, cy) || clip.contains(x, y);
  }

  private static boolean isWhite(@Nullable PDColor color) {
    if (color == null) {
      return false;
    }
    try {
      float[] rgb = color.getColorSpace().toRGB(color.getComponents());
      return rgb.length == 3 && rgb[0] >= WHITE && rgb[1] >= WHITE && rgb[2] >= WHITE;
    } catch (IOException | RuntimeException e) {
      return false; // a pattern or unknown colour space: assume it is visible
    }
  }
}
