package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira ingest PATH...}: reads files and folders into the agent home.
 *
 * <p>Exit code 0 when at least one file is in the index after the run (added, updated or
 * unchanged), 1 when nothing could be ingested (every file failed, or there were no files).
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Read files and folders (recursively) into the agent: parse, chunk, embed, index.")
final class IngestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "json")
  private JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to ingest.")
  private List<Path> paths;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (AgentSession session = AgentSession.open(home.home(), null, err)) {
      IngestProgress progress =
          new IngestProgress(
              out,
              err,
              json.enabled()
                  ? IngestProgress.Style.FAILURES_ONLY
                  : IngestProgress.Style.forConsole());
      IngestionPipeline pipeline = session.pipeline(progress);
      IngestReport report = pipeline.ingest(paths);
      progress.finish();
      if (json.enabled()) {
        out.println(new ObjectMapper().writeValueAsString(toJson(report)));
      } else {
        out.println(summary(report));
      }
      out.flush();
      if (report.nothingIngested()) {
        err.println(
            "elavira: nothing was ingested from "
                + paths.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " (readable formats: "
                + String.join(", ", pipeline.supportedExtensions())
                + ").");
        err.flush();
        return 1;
      }
      return 0;
    }
  }

  /** The one-line summary of a run, e.g. "3 files: 2 added, ... 412 chunks in 3.1 s (...)". */
  static String summary(IngestReport report) {
    double seconds = report.elapsed().toNanos() / 1e9;
    int files = report.added() + report.updated() + report.unchanged() + report.failed();
    return String.format(
        Locale.ROOT,
        "%d file%s: %d added, %d updated, %d unchanged, %d failed; %d chunks in %.1f s (%.1f chunks/s)",
        files,
        files == 1 ? "" : "s",
        report.added(),
        report.updated(),
        report.unchanged(),
        report.failed(),
        report.chunks(),
        seconds,
        seconds > 0 ? report.chunks() / seconds : 0.0);
  }

  private static Map<String, Object> toJson(IngestReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("added", report.added());
    json.put("updated", report.updated());
    json.put("unchanged", report.unchanged());
    json.put("failed", report.failed());
    json.put("chunks", report.chunks());
    json.put("seconds", report.elapsed().toMillis() / 1000.0);
    List<Map<String, String>> failures = new ArrayList<>();
    for (FileOutcome outcome : report.outcomes()) {
      if (outcome.error() != null) {
        failures.add(
            Map.of(
                "file", outcome.path().toString(),
                "reason", outcome.error().reason().name(),
                "message", String.valueOf(outcome.error().getMessage())));
      }
    }
    json.put("failures", failures);
    return json;
  }
}
