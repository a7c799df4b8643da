package io.elavira.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The record, in the agent home, of an {@code elavira ingest} run that has not finished: written
 * when a run starts, deleted when it ends, left behind by Ctrl-C, a kill or a crash. The next run
 * of the same agent finds it and says that it resumes that run: the chunks embedded before the
 * interruption are cached in the home's database, so the new run embeds only the rest.
 *
 * <p>The file ({@code HOME/ingest-<agent>.running}) holds the process id and the start time, so a
 * run still going in another process is not taken for an interrupted one. Failing to write or read
 * it never fails a run: only the "resumed" line is then missing. One per run; not thread-safe.
 */
final class IngestRun {

  private static final String PID = "pid";
  private static final String STARTED = "started";

  private final Path file;
  private final @Nullable Instant interruptedRunStart;

  private IngestRun(Path file, @Nullable Instant interruptedRunStart) {
    this.file = file;
    this.interruptedRunStart = interruptedRunStart;
  }

  /**
   * Starts recording a run of {@code agentId} in {@code home}, after reading the record an
   * interrupted run left.
   */
  static IngestRun start(Path home, String agentId) {
    Path file = home.resolve("ingest-" + agentId.replaceAll("[^A-Za-z0-9._-]", "_") + ".running");
    Instant interrupted = interruptedStart(file).orElse(null);
    ProcessHandle self = ProcessHandle.current();
    Properties record = new Properties();
    record.setProperty(PID, Long.toString(self.pid()));
    record.setProperty(STARTED, self.info().startInstant().orElse(Instant.now()).toString());
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        record.store(w, "elavira ingest in progress; left behind when it was interrupted");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Only the "resumed" line of the next run depends on it.
    }
    return new IngestRun(file, interrupted);
  }

  /**
   * When the run this one resumes started: a run of the same agent that left its record and whose
   * process is gone. Empty when the last run finished, or when its process still runs.
   */
  Optional<Instant> resumes() {
    return Optional.ofNullable(interruptedRunStart);
  }

  /** The run finished (even with failed files): the next one resumes nothing. */
  void finished() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The next run would say it resumes this one: harmless.
    }
  }

  private static Optional<Instant> interruptedStart(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties record = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      record.load(r);
      long pid = Long.parseLong(record.getProperty(PID, "-1"));
      Instant started = Instant.parse(record.getProperty(STARTED, ""));
      boolean running =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .flatMap(p -> p.info().startInstant())
              .map(processStart -> !processStart.isAfter(started))
              .orElse(false);
      return running ? Optional.empty() : Optional.of(started);
    } catch (IOException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
