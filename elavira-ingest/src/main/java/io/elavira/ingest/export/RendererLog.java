package io.elavira.ingest.export;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.JDKXRLogger;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the HTML renderer's log to SLF4J instead of its default, which prints a dozen INFO lines to
 * the standard error for every PDF (fonts loaded, style sheets parsed). Its warnings and errors go
 * to WARN, everything else to DEBUG, under the logger of {@link PdfExporter}.
 *
 * <p>The renderer's logger is one per JVM: it is replaced only while it is still the renderer's own
 * default, so that a host application that set its own keeps it. Thread-safe.
 */
final class RendererLog implements XRLogger {
  private static final Logger LOG = LoggerFactory.getLogger(PdfExporter.class);

  private RendererLog() {}

  /** Installs this logger unless the host application chose one of its own. */
  // The lock of XRLog's own setter, on purpose: a host's concurrent choice is never overwritten.
  @SuppressWarnings("LockOnNonEnclosingClassLiteral")
  static void install() {
    synchronized (XRLog.class) {
      XRLogger current = XRLog.getLoggerImpl();
      if (current == null || current.getClass() == JDKXRLogger.class) {
        XRLog.setLoggerImpl(new RendererLog());
      }
    }
  }

  private static boolean isWarning(Level level) {
    return level.intValue() >= Level.WARNING.intValue();
  }

  @Override
  public void log(String where, Level level, String msg) {
    if (isWarning(level)) {
      LOG.warn("PDF renderer ({}): {}", where, msg);
    } else {
      LOG.debug("PDF renderer ({}): {}", where, msg);
    }
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    if (isWarning(level)) {
      LOG.warn("PDF renderer ({}): {}", where, msg, th);
    } else {
      LOG.debug("PDF renderer ({}): {}", where, msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // Levels are SLF4J's to decide.
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return isWarning(diagnostic.getLevel()) ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
  }
}
