package io.elavira.llm.onnx.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Added tokens (such as {@code [SEP]} typed in a text) matched leftmost-longest, splitting the text
 * into plain segments and token ids, as HuggingFace tokenizers do before normalisation. Immutable.
 */
final class AddedTokens {
  record Token(String content, int id, boolean singleWord, boolean lstrip, boolean rstrip) {}

  interface SegmentSink {
    /** A plain segment (id -1) or an added token (its id). */
    void accept(String segment, int id);
  }

  private final List<Token> tokens;

  AddedTokens(List<Token> tokens) {
    List<Token> sorted = new ArrayList<>(tokens);
    sorted.sort(Comparator.comparingInt((Token t) -> t.content().length()).reversed());
    this.tokens = List.copyOf(sorted);
  }

  void split(String text, SegmentSink sink) {
    if (tokens.isEmpty()) {
      sink.accept(text, -1);
      return;
    }
    int segmentStart = 0;
    int i = 0;
    while (i < text.length()) {
      Token match = matchAt(text, i);
      if (match == null) {
        i++;
        continue;
      }
      int from = i;
      int to = i + match.content().length();
      if (match.lstrip()) {
        while (from > segmentStart && Character.isWhitespace(text.charAt(from - 1))) {
          from--;
        }
      }
      if (match.rstrip()) {
        while (to < text.length() && Character.isWhitespace(text.charAt(to))) {
          to++;
        }
      }
      if (from > segmentStart) {
        sink.accept(text.substring(segmentStart, from), -1);
      }
      sink.accept(match.content(), match.id());
      segmentStart = to;
      i = to;
    }
    if (segmentStart < text.length()) {
      sink.accept(text.substring(segmentStart), -1);
    }
  }

  private @Nullable Token matchAt(String text, int i) {
    for (Token t : tokens) {
      if (text.startsWith(t.content(), i)
          && (!t.singleWord() || isWordBoundary(text, i, i + t.content().length()))) {
        return t;
      }
    }
    return null;
  }

  private static boolean isWordBoundary(String text, int from, int to) {
    boolean before = from == 0 || !Character.isLetterOrDigit(text.codePointBefore(from));
    boolean after = to >= text.length() || !Character.isLetterOrDigit(text.codePointAt(to));
    return before && after;
  }
}
