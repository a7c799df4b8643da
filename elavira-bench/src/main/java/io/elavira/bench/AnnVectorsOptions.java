package io.elavira.bench;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say where the ANN benchmarks' vectors come from ({@link AnnVectors#read}), the
 * same in each of them so that they measure the same vectors. A picocli mixin.
 */
final class AnnVectorsOptions {
  @Option(names = "--shared", defaultValue = "../shared/data", description = "Shared data.")
  Path shared;

  @Option(names = "--real", defaultValue = "10000", description = "Real texts to embed.")
  int real;

  @Option(
      names = "--cache",
      defaultValue = "/tmp/elavira-ann-minilm.bin",
      description = "The embedded texts and questions, written on the first run.")
  Path cache;

  /** The real vectors and the questions, from the cache or embedded. */
  AnnVectors read() throws IOException {
    return AnnVectors.read(shared, real, cache);
  }
}
