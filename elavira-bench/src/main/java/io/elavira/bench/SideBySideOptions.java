package io.elavira.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options both side-by-side programs share (a picocli mixin). */
final class SideBySideOptions {
  @Option(
      names = "--threads",
      defaultValue = "0",
      description =
          "0 = each library's default. N > 0: Elavira ONNX intra-op threads = N and"
              + " LangChain4j embedAll executor threads = N. Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(
      names = "--max-word-pieces",
      defaultValue = "0",
      description =
          "Word pieces Elavira's model reads per text; 0 = library default (256)."
              + " 128 = the same work as LangChain4j, whose tokenizer truncates at 128.")
  int maxWordPieces;

  @Option(names = "--out", description = "Also write the Markdown report to this file.")
  Path out;
}
