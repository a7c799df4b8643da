package io.elavira.ingest.pdf;

import java.awt.geom.Area;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.util.Matrix;

/**
 * The path and clipping operators a text stripper does not process by itself (PDFBox's own need a
 * graphics engine): enough to know the clipping path, so that text drawn outside it is known to be
 * invisible. Paths are built in device space (the current transformation applied); {@code W} and
 * {@code W*} followed by any path-ending operator intersect the clipping path. Not thread-safe: one
 * per stripper.
 */
final class ClipTracker {
  private final PDFStreamEngine engine;
  private GeneralPath path = new GeneralPath();
  private int pendingClip = -1;

  ClipTracker(PDFStreamEngine engine) {
    this.engine = engine;
  }

  /** The operators to register on the stripper. */
  List<OperatorProcessor> operators() {
    return List.of(
        op("re", this::rectangle),
        op("m", o -> point(o, 0, true)),
        op("l", o -> point(o, 0, false)),
        op("c", o -> curve(o, 4)),
        op("v", o -> curve(o, 2)),
        op("y", o -> curve(o, 2)),
        op("h", o -> close()),
        op("W", o -> pendingClip = Path2D.WIND_NON_ZERO),
        op("W*", o -> pendingClip = Path2D.WIND_EVEN_ODD),
        op("n", o -> end()),
        op("S", o -> end()),
        op("s", o -> end()),
        op("f", o -> end()),
        op("F", o -> end()),
        op("f*", o -> end()),
        op("B", o -> end()),
        op("B*", o -> end()),
        op("b", o -> end()),
        op("b*", o -> end()));
  }

  private void rectangle(List<COSBase> operands) {
    if (operands.size() < 4 || !numbers(operands, 4)) {
      return;
    }
    float x = number(operands, 0);
    float y = number(operands, 1);
    float w = number(operands, 2);
    float h = number(operands, 3);
    Point2D a = transform(x, y);
    Point2D b = transform(x + w, y);
    Point2D c = transform(x + w, y + h);
    Point2D d = transform(x, y + h);
    path.moveTo(a.getX(), a.getY());
    path.lineTo(b.getX(), b.getY());
    path.lineTo(c.getX(), c.getY());
    path.lineTo(d.getX(), d.getY());
    path.closePath();
  }

  private void point(List<COSBase> operands, int index, boolean move) {
    if (!numbers(operands, index + 2)) {
      return;
    }
    Point2D p = transform(number(operands, index), number(operands, index + 1));
    if (move || path.getCurrentPoint() == null) {
      path.moveTo(p.getX(), p.getY());
    } else {
      path.lineTo(p.getX(), p.getY());
    }
  }

  /** Curves approximated by their end point: the clip's extent is what matters here. */
  private void curve(List<COSBase> operands, int endIndex) {
    point(operands, endIndex, false);
  }

  private void close() {
    if (path.getCurrentPoint() != null) {
      path.closePath();
    }
  }

  private void end() {
    if (pendingClip >= 0) {
      path.setWindingRule(pendingClip);
      engine.getGraphicsState().intersectClippingPath(new Area(path));
      pendingClip = -1;
    }
    path = new GeneralPath();
  }

  private Point2D transform(float x, float y) {
    Matrix ctm = engine.getGraphicsState().getCurrentTransformationMatrix();
    return ctm.transformPoint(x, y);
  }

  private static boolean numbers(List<COSBase> operands, int count) {
    if (operands.size() < count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!(operands.get(i) instanceof COSNumber)) {
        return false;
      }
    }
    return true;
  }

  private static float number(List<COSBase> operands, int index) {
    return ((COSNumber) operands.get(index)).floatValue();
  }

  private interface Handler {
    void handle(List<COSBase> operands);
  }

  private OperatorProcessor op(String name, Handler handler) {
    return new OperatorProcessor(engine) {
      @Override
      public void process(Operator operator, List<COSBase> operands) {
        handler.handle(operands);
      }

      @Override
      public String getName() {
        return name;
      }
    };
  }
}
