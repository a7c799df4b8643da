package io.elavira.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Ingests one file (args: the path, and optionally maxDocumentChars) with the default pipeline, a
 * real chunker and the recording indexer, and prints "ok &lt;chunks&gt;" or the failure: run in a
 * child JVM by {@link BoundedHeapTest} with a small heap.
 */
final class BigFileProbe {
  private BigFileProbe() {}

  public static void main(String[] args) {
    RecordingIndexer indexer = new RecordingIndexer();
    IngestionPipeline.Builder builder = IngestionPipeline.builder().indexer(indexer);
    if (args.length > 1) {
      builder.maxDocumentChars(Integer.parseInt(args[1]));
    }
    IngestReport report = builder.build().ingest(List.of(Path.of(args[0])));
    FileOutcome outcome = report.outcomes().get(0);
    if (!outcome.succeeded()) {
      System.out.println(
          "failed " + Objects.requireNonNull(outcome.error()).reason() + ": " + outcome.error());
      System.exit(2);
    }
    System.out.println("ok " + Objects.requireNonNull(outcome.result()).chunks());
  }
}
