package io.elavira.retrieval;

import io.elavira.Source;
import java.util.List;
import java.util.Objects;

/**
 * One passage of a {@link HybridRetriever} result, with where else the same text appears and how
 * each retriever ranked it.
 *
 * @param source the passage, from the best-ranked of the files that hold its text; its score is the
 *     fused score
 * @param alsoIn the same text found in other files (identical passages are collapsed into one),
 *     best first; empty when the text is in one file only
 * @param denseScore the cosine similarity to the question, or {@link Double#NaN} when the dense
 *     side did not return this passage
 * @param denseRank 1-based rank on the dense side, 0 when absent from it
 * @param lexicalRank 1-based rank on the lexical side, 0 when absent from it
 */
public record Passage(
    Source source, List<Source> alsoIn, double denseScore, int denseRank, int lexicalRank) {
  /** Validates and copies. */
  public Passage {
    Objects.requireNonNull(source, "source");
    alsoIn = List.copyOf(alsoIn);
  }

  /** The names of every file holding this text: the source's first, then {@link #alsoIn()}. */
  public List<String> documents() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(source), alsoIn.stream())
        .map(Source::document)
        .distinct()
        .toList();
  }

  /**
   * This passage as one {@link Source}: {@link #source()} itself when its text is in one file, else
   * a source whose document name reads {@code "a.txt (also in b.txt)"} and whose {@link
   * Source#paths()} list the locations of every file holding the text.
   */
  public Source named() {
    if (alsoIn.isEmpty()) {
      return source;
    }
    List<String> names = documents();
    String document =
        names.size() == 1
            ? source.document()
            : names.get(0) + " (also in " + String.join(", ", names.subList(1, names.size())) + ")";
    List<String> paths =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(source), alsoIn.stream())
            .flatMap(s -> s.paths().stream())
            .distinct()
            .toList();
    return new Source(
        source.documentId(),
        document,
        paths,
        source.page(),
        source.section(),
        source.chunk(),
        source.score(),
        source.text());
  }
}
