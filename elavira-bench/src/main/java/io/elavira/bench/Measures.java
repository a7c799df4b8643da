package io.elavira.bench;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Statistics, formatting and the description of the machine, for the side-by-side reports. */
final class Measures {
  private Measures() {}

  /** The median (mean of the two middle values for an even count). */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The nearest-rank percentile {@code p} (0 to 100) of the values. */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double min(List<Double> values) {
    return Collections.min(values);
  }

  static double max(List<Double> values) {
    return Collections.max(values);
  }

  static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String pct(int hits, int total) {
    return hits + "/" + total + " (" + f0(100.0 * hits / total) + " %)";
  }

  /** Markdown lines describing the machine, the JVM and the run. */
  static List<String> environment(String[] args) {
    Runtime rt = Runtime.getRuntime();
    List<String> lines = new ArrayList<>();
    lines.add("- Date: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    lines.add("- Arguments: `" + String.join(" ", args) + "`");
    lines.add(
        "- CPU: "
            + cpuModel()
            + ", "
            + rt.availableProcessors()
            + " logical processor(s) available to the JVM; load average at start "
            + f2(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    lines.add(
        "- OS: "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")");
    lines.add(
        "- JVM: "
            + System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + rt.maxMemory() / (1024 * 1024)
            + " MiB, flags "
            + ManagementFactory.getRuntimeMXBean().getInputArguments());
    lines.add("- onnxruntime (both sides): " + onnxVersion());
    return lines;
  }

  private static String onnxVersion() {
    try {
      return OrtEnvironment.getEnvironment().getVersion();
    } catch (RuntimeException | LinkageError e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return System.getProperty("os.arch");
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }
}
