package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.document.IngestException;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentStatus;
import io.elavira.store.RemovedLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira ingest PATH...}: reads files and folders into the agent home.
 *
 * <p>Each failed file gets one line with the reason; files of a format no parser reads get one line
 * per extension; empty files are skipped, not failed. With {@code --json}, one object: {@code
 * {files: [{file, status, chunks, reason, kind}], embedded}}, plus {@code resumed} when the run
 * resumes an interrupted one. Ctrl-C stops before the next batch of chunks goes to the embedding
 * model (or after the file being indexed) and prints "interrupted: N of M files saved"; those files
 * stay in the agent, and the chunks already embedded are cached, so the next run, which says what
 * it resumes, embeds only the rest. {@code --prune} forgets the files of the given folders that are
 * gone from disk. Limits ({@code --max-file-size}, {@code --max-pages}...): {@link
 * IngestLimitOptions}.
 *
 * <p>Exit code 0 when at least one file is in the index after the run (added, updated or
 * unchanged), 1 when nothing could be ingested (every file failed, or there were no files), 130
 * when interrupted.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Read files and folders (recursively) into the agent: parse, chunk, embed, index.")
final class IngestCommand implements Callable<Integer> {

  /** The exit code of a run stopped by Ctrl-C, as shells report SIGINT (128 + 2). */
  static final int INTERRUPTED_EXIT_CODE = 130;

  /** How long Ctrl-C waits for the file being indexed before it reports and the JVM exits. */
  static final Duration INTERRUPT_WAIT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin private IndexOptions indexes;

  @Mixin private IngestLimitOptions limits;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "agent")
  private AgentOption agent;

  @Mixin(name = "json")
  private JsonOption json;

  @Option(
      names = "--prune",
      description =
          "Forget the files of the given folders that are gone from disk (their documents are"
              + " removed when no copy is left elsewhere).")
  private boolean prune;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to ingest.")
  private List<Path> paths;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    indexes.validate();
    limits.validate();
    IngestProgress progress =
        new IngestProgress(
            out,
            err,
            json.enabled()
                ? IngestProgress.Style.FAILURES_ONLY
                : IngestProgress.Style.forConsole());
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger saved = new AtomicInteger(-1);
    Thread onCtrlC =
        new Thread(() -> interrupted(progress, saved, finished, err), "elavira-interrupt");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try (AgentSession session =
        AgentSession.open(home.home(), null, indexes, err, agent.agentId())) {
      IngestionPipeline pipeline = session.pipeline(progress, limits);
      IngestRun run = IngestRun.start(home.home(), session.agent().agentId());
      run.resumes()
          .ifPresent(
              started -> {
                err.println(
                    "resuming the ingest started at "
                        + started
                        + " and interrupted: the chunks it embedded are reused, not embedded"
                        + " again");
                err.flush();
              });
      IngestReport report;
      session.observeEmbeddings(progress);
      try {
        report = pipeline.ingest(paths);
      } catch (RuntimeException e) {
        if (!IngestProgress.stoppedBy(e)) {
          if (progress.embeddedChunks() == 0) {
            run.finished(); // nothing to resume (e.g. too many files, refused before reading)
          }
          if (e instanceof IngestException refused && !IngestLimitOptions.hint(refused).isEmpty()) {
            // Too many files: say which option raises the limit, not only the builder's method.
            throw new IngestException(
                refused.file(),
                refused.reason(),
                refused.getMessage() + IngestLimitOptions.hint(refused),
                refused);
          }
          throw e;
        }
        saved.set(savedUnder(session.agent()));
        return INTERRUPTED_EXIT_CODE;
      } finally {
        session.observeEmbeddings(null);
      }
      run.finished();
      progress.finish();
      printUnsupported(report, pipeline, err);
      List<RemovedLocation> removed = prune ? prune(session, report) : List.of();
      long embedded = session.embeddedTexts();
      IngestOutcomes.Resumed resumed =
          run.resumes()
              .map(
                  started ->
                      IngestOutcomes.resumed(
                          started, report, embedded, session.store().documents()))
              .orElse(null);
      if (json.enabled()) {
        out.println(
            JSON.writeValueAsString(
                IngestOutcomes.json(
                    report,
                    removed.stream()
                        .map(
                            r ->
                                new IngestOutcomes.FileJson(
                                    r.location(), IngestOutcomes.REMOVED, 0, null, null))
                        .toList(),
                    embedded,
                    resumed)));
      } else {
        for (RemovedLocation r : removed) {
          out.println(
              "removed "
                  + r.location()
                  + " (gone from disk"
                  + (r.documentRemoved() ? ")" : "; its copy elsewhere stays)"));
        }
        out.println(summary(report, embedded) + (prune ? "; " + removed.size() + " removed" : ""));
        int gone = prune ? 0 : goneFromDisk(session.agent(), report);
        if (gone > 0) {
          err.println(
              gone
                  + (gone == 1 ? " file" : " files")
                  + " of these folders that the agent knows "
                  + (gone == 1 ? "is" : "are")
                  + " gone from disk: run again with --prune to forget "
                  + (gone == 1 ? "it." : "them."));
          err.flush();
        }
        if (resumed != null) {
          out.println(
              "resumed the ingest started at "
                  + resumed.startedAt()
                  + ": "
                  + resumed.alreadyEmbedded()
                  + " chunks already embedded were reused, "
                  + embedded
                  + " embedded now");
        }
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
    } finally {
      finished.countDown();
      removeHook(onCtrlC);
    }
  }

  /**
   * Ctrl-C (or a kill): the run stops before the next batch of chunks is embedded, or after the
   * file being indexed, the agent is closed as usual, and the user learns how many files are saved;
   * they stay in the agent, and the next run skips them as unchanged and reuses the chunks already
   * embedded. Runs on the JVM's shutdown thread.
   */
  private static void interrupted(
      IngestProgress progress, AtomicInteger saved, CountDownLatch finished, PrintWriter err) {
    progress.stop();
    try {
      finished.await(INTERRUPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int total = progress.total();
    long embedded = progress.embeddedChunks();
    err.println(
        total < 0
            ? "interrupted before any file was read: nothing was saved"
            : "interrupted: "
                + (saved.get() >= 0 ? saved.get() : progress.saved())
                + " of "
                + total
                + " files saved"
                + (embedded > 0
                    ? "; the "
                        + embedded
                        + " chunks embedded are kept, and the next run embeds only the rest"
                    : ""));
    err.flush();
  }

  /**
   * How many files under the given paths the agent holds, ready, now: the pipeline indexes ahead of
   * what it has reported, so the agent, not the progress, says what an interrupted run saved.
   */
  private int savedUnder(ElaviraAgent agent) {
    List<Path> roots = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    int saved = 0;
    for (DocumentInfo document : agent.listDocuments()) {
      if (document.status() != DocumentStatus.READY) {
        continue;
      }
      for (String location : document.paths()) {
        Path path = Path.of(location);
        if (roots.stream().anyMatch(path::startsWith) && Files.isRegularFile(path)) {
          saved++;
        }
      }
    }
    return saved;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down (Ctrl-C): the hook is running and reports.
    }
  }

  /**
   * Forgets, in every folder given, the paths that this run no longer found there. Files given one
   * by one are not pruned: a file that is gone is reported as such, and {@code elavira documents
   * rm} forgets it.
   */
  private List<RemovedLocation> prune(AgentSession session, IngestReport report) {
    List<String> seen = report.outcomes().stream().map(o -> o.path().toString()).toList();
    List<RemovedLocation> removed = new ArrayList<>();
    for (Path given : paths) {
      Path folder = given.toAbsolutePath().normalize();
      if (Files.isDirectory(folder)) {
        removed.addAll(session.agent().prune(folder.toString(), seen));
      }
    }
    return removed;
  }

  /**
   * How many paths the agent holds under the folders given that this run did not find and that are
   * gone from disk: what {@code --prune} would forget.
   */
  private int goneFromDisk(ElaviraAgent agent, IngestReport report) {
    List<Path> folders =
        paths.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory).toList();
    if (folders.isEmpty()) {
      return 0;
    }
    Set<String> seen =
        report.outcomes().stream()
            .map(o -> o.path().toString())
            .collect(Collectors.toCollection(HashSet::new));
    int gone = 0;
    for (DocumentInfo document : agent.listDocuments()) {
      for (String location : document.paths()) {
        Path path = Path.of(location);
        if (!seen.contains(location)
            && folders.stream().anyMatch(path::startsWith)
            && !Files.exists(path)) {
          gone++;
        }
      }
    }
    return gone;
  }

  /** One line per extension no parser reads, instead of one per file. */
  private static void printUnsupported(
      IngestReport report, IngestionPipeline pipeline, PrintWriter err) {
    Map<String, Integer> unsupported = IngestOutcomes.unsupportedByExtension(report);
    unsupported.forEach(
        (extension, files) ->
            err.println(
                "skipped "
                    + files
                    + (extension.isEmpty()
                        ? " file" + (files == 1 ? "" : "s") + " without extension"
                        : " ." + extension + " file" + (files == 1 ? "" : "s"))
                    + ": no parser reads this format (readable: "
                    + String.join(", ", pipeline.supportedExtensions())
                    + ")"));
    err.flush();
  }

  /**
   * The one-line summary of a run, e.g. "5 files: 2 added, 0 updated, 1 unchanged, 1 skipped, 1
   * failed; 12 chunks, 9 embedded, in 3.1 s (3.9 chunks/s)".
   */
  static String summary(IngestReport report, long embedded) {
    double seconds = report.elapsed().toNanos() / 1e9;
    int files = report.outcomes().size();
    return String.format(
        Locale.ROOT,
        "%d file%s: %d added, %d updated, %d unchanged, %d skipped, %d failed;"
            + " %d chunks, %d embedded, in %.1f s (%.1f chunks/s)",
        files,
        files == 1 ? "" : "s",
        report.added(),
        report.updated(),
        report.unchanged(),
        IngestOutcomes.count(report, IngestOutcomes.SKIPPED),
        IngestOutcomes.count(report, IngestOutcomes.FAILED),
        report.chunks(),
        embedded,
        seconds,
        seconds > 0 ? report.chunks() / seconds : 0.0);
  }
}
