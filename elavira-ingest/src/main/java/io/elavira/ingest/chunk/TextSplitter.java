package io.elavira.ingest.chunk;

import io.elavira.document.BlockType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits one text into pieces of at most a token budget, trying the coarsest boundary first:
 * paragraphs, lines, sentences, clauses ({@code ;} and {@code :}), phrases (commas), words, and
 * characters as a last resort. Pieces are packed greedily, so small parts share a piece.
 *
 * <p>Sentence ends understand French typography: a space before {@code ! ? ; :} and closing
 * guillemets ({@code « ... »}) stay with the sentence they belong to. Texts are measured with the
 * chunker's {@link TokenBudget}. Immutable and thread-safe.
 */
final class TextSplitter {
  private static final int PARAGRAPHS = 0;
  private static final int LINES = 1;
  private static final int SENTENCES = 2;
  // 3 and 4 are the clause and phrase levels, reached only by stepping down from SENTENCES.
  private static final int WORDS = 5;
  private static final int CHARACTERS = 6;

  private static final Pattern[] BOUNDARIES = {
    Pattern.compile("\\n[ \\t]*\\n\\s*"),
    Pattern.compile("\\n"),
    // Terminal punctuation, then closing quotes/brackets (possibly after a (no-break) space), then
    // whitespace: "Bonjour. » Puis" ends after "»", "Vraiment ? Oui" after "?". Group 1 is the
    // boundary itself; what comes before it stays with the sentence.
    Pattern.compile("[.!?…](?:[\\s\\u00A0\\u202F]*+[»”\"’)\\]])*+(\\s++)"),
    Pattern.compile("(?<=[;:])\\s++"),
    Pattern.compile("(?<=,)\\s++"),
    // Whitespace, except where it binds French punctuation or guillemets to their word.
    Pattern.compile("(?<!«)\\s++(?![;:!?»%])"),
  };
  private static final String[] SEPARATORS = {"\n\n", "\n", " ", " ", " ", " "};

  /** What joins two blocks, or an overlap and a block, in a chunk. */
  static final String BLOCK_SEPARATOR = "\n\n";

  private static final Pattern TABLE_DELIMITER = Pattern.compile("^[\\s|:+-]*-[\\s|:+-]*$");

  private final TokenBudget counter;

  TextSplitter(TokenBudget counter) {
    this.counter = counter;
  }

  /**
   * A piece of text and its tokens, counted exactly by the counter on this very text.
   *
   * @param text the piece
   * @param tokens {@code count(text)}
   */
  record Piece(String text, int tokens) {}

  /**
   * Splits a block's text into pieces of at most {@code budget} tokens. Code keeps its fences and
   * tables their header rows on every piece when there is room for them.
   *
   * @param lead text to put first (a heading), packed with the first piece when it fits; or null
   * @param overBudget whether the caller already knows that {@code text} does not fit the budget
   *     (it is then not counted again)
   * @return the pieces with their exact token counts
   */
  List<Piece> split(
      String text, BlockType type, @Nullable String lead, int budget, boolean overBudget) {
    if (type == BlockType.CODE || type == BlockType.TABLE) {
      List<String> lines = List.of(text.split("\n", -1));
      int headLines = type == BlockType.TABLE ? tableHeaderLines(lines) : fenced(lines) ? 1 : 0;
      int tailLines = type == BlockType.CODE && headLines == 1 ? 1 : 0;
      if (headLines > 0 && lines.size() > headLines + tailLines) {
        String head = String.join("\n", lines.subList(0, headLines));
        String tail = String.join("\n", lines.subList(lines.size() - tailLines, lines.size()));
        String body = String.join("\n", lines.subList(headLines, lines.size() - tailLines));
        int frameTokens = counter.count(head + "\n" + tail);
        if (frameTokens * 3 <= budget) {
          List<Piece> framed = new ArrayList<>();
          int bodyBudget = budget - frameTokens;
          for (Piece piece : pack(atoms(body, LINES, bodyBudget, false), bodyBudget)) {
            String whole = head + "\n" + piece.text() + (tailLines > 0 ? "\n" + tail : "");
            framed.add(new Piece(whole, counter.count(whole)));
          }
          return withLead(lead, framed, budget);
        }
      }
      return withLead(lead, pack(atoms(text, LINES, budget, overBudget), budget), budget);
    }
    List<Segment> atoms = new ArrayList<>();
    int leadTokens = lead == null ? -1 : counter.tokensIfFits(lead, budget);
    if (lead != null && leadTokens >= 0) {
      atoms.add(new Segment(lead, "", leadTokens));
      List<Segment> rest = atoms(text, PARAGRAPHS, budget, overBudget);
      atoms.add(new Segment(rest.get(0).text(), "\n\n", rest.get(0).tokens()));
      atoms.addAll(rest.subList(1, rest.size()));
      return pack(atoms, budget);
    }
    List<Piece> pieces = pack(atoms(text, PARAGRAPHS, budget, overBudget), budget);
    return lead == null ? pieces : withLead(lead, pieces, budget);
  }

  /** Splits a text at sentence ends and line breaks, in order; used to pick an overlap tail. */
  List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      out.addAll(parts(line, SENTENCES));
    }
    return out;
  }

  /** Splits a text into words, keeping French punctuation attached; used for an overlap tail. */
  List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String word : BOUNDARIES[WORDS].split(text.strip())) {
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  private List<Piece> withLead(@Nullable String lead, List<Piece> pieces, int budget) {
    if (lead == null) {
      return pieces;
    }
    List<Piece> out = new ArrayList<>(pieces);
    String merged = lead + "\n\n" + pieces.get(0).text();
    int mergedTokens = counter.tokensIfFits(merged, budget);
    if (mergedTokens >= 0) {
      out.set(0, new Piece(merged, mergedTokens));
    } else {
      out.add(0, new Piece(lead, counter.count(lead)));
    }
    return out;
  }

  /** A part of the text, the separator that joins it to the part before, and its tokens. */
  private record Segment(String text, String separator, int tokens) {}

  /** Parts each within the budget: fitting parts whole, larger ones split at finer levels. */
  private List<Segment> atoms(String text, int level, int budget, boolean overBudget) {
    List<Segment> out = new ArrayList<>();
    if (overBudget) {
      collectParts(text, level, budget, "", out);
    } else {
      collect(text, level, budget, "", out);
    }
    return out;
  }

  private void collect(String text, int level, int budget, String separator, List<Segment> out) {
    int tokens = counter.tokensIfFits(text, budget);
    if (tokens >= 0) {
      out.add(new Segment(text, separator, tokens));
      return;
    }
    collectParts(text, level, budget, separator, out);
  }

  /** Splits a text known not to fit at {@code level}, or finer when that level finds no split. */
  private void collectParts(
      String text, int level, int budget, String separator, List<Segment> out) {
    if (level >= CHARACTERS) {
      String first = separator;
      for (Segment piece : characters(text, budget)) {
        out.add(new Segment(piece.text(), first, piece.tokens()));
        first = "";
      }
      return;
    }
    List<String> parts = parts(text, level);
    if (parts.size() <= 1) {
      // The same text (stripped at most) still does not fit: no need to count it again.
      collectParts(parts.isEmpty() ? text : parts.get(0), level + 1, budget, separator, out);
      return;
    }
    String sep = separator;
    for (String part : parts) {
      collect(part, level + 1, budget, sep, out);
      sep = SEPARATORS[level];
    }
  }

  private static List<String> parts(String text, int level) {
    List<String> parts = new ArrayList<>();
    Matcher matcher = BOUNDARIES[level].matcher(text);
    int start = 0;
    boolean grouped = matcher.groupCount() > 0;
    while (matcher.find()) {
      int end = grouped ? matcher.start(1) : matcher.start();
      addPart(parts, text.substring(start, end), level);
      start = grouped ? matcher.end(1) : matcher.end();
    }
    addPart(parts, text.substring(start), level);
    return parts;
  }

  private static void addPart(List<String> parts, String part, int level) {
    // Lines keep their indentation (code); other parts lose surrounding blanks.
    String cleaned = level == LINES ? part.stripTrailing() : part.strip();
    if (!cleaned.isBlank()) {
      parts.add(cleaned);
    }
  }

  /**
   * Longest prefixes within the budget, never cutting a surrogate pair. Each end is found by
   * galloping from the previous piece's length and then bisecting, so the counting cost follows the
   * piece length and not the rest of the text (a multi-megabyte word stays linear).
   */
  private List<Segment> characters(String text, int budget) {
    List<Segment> out = new ArrayList<>();
    int start = 0;
    int guess = 1;
    while (start < text.length()) {
      int end = fittingEnd(text, start, guess, budget);
      String piece = text.substring(start, end).strip();
      if (!piece.isEmpty()) {
        out.add(new Segment(piece, "", counter.count(piece)));
      }
      guess = end - start;
      start = end;
    }
    return out;
  }

  /** The largest end such that text[start, end) fits the budget; at least one code point. */
  private int fittingEnd(String text, int start, int guess, int budget) {
    int good = boundary(text, start + 1); // one code point always goes, even over budget
    int bad = -1;
    int probe = boundary(text, Math.max(good + 1, start + guess));
    int step = 1;
    while (probe > good) {
      if (counter.fits(text.substring(start, probe), budget)) {
        good = probe;
        probe = boundary(text, good + step);
        step *= 2;
      } else {
        bad = probe;
        break;
      }
    }
    if (bad < 0) {
      return good; // reached the end of the text
    }
    while (bad - good > 1) {
      int mid = (good + bad) >>> 1;
      if (Character.isLowSurrogate(text.charAt(mid))
          && Character.isHighSurrogate(text.charAt(mid - 1))) {
        mid--;
      }
      if (mid <= good) {
        break;
      }
      if (counter.fits(text.substring(start, mid), budget)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  /** {@code offset} capped at the text's end and moved past the low half of a surrogate pair. */
  private static int boundary(String text, int offset) {
    int capped = Math.min(offset, text.length());
    if (capped < text.length()
        && capped > 0
        && Character.isLowSurrogate(text.charAt(capped))
        && Character.isHighSurrogate(text.charAt(capped - 1))) {
      return capped + 1;
    }
    return capped;
  }

  /**
   * Packs parts greedily into pieces within the budget. Token counts are summed instead of counting
   * every growing candidate (the counters in use are additive over whitespace); each finished piece
   * is then counted once, and the rare piece a non-additive counter puts over the budget is packed
   * again by counting each candidate exactly.
   */
  private List<Piece> pack(List<Segment> atoms, int budget) {
    List<Piece> pieces = new ArrayList<>();
    List<Segment> piece = new ArrayList<>();
    int tokens = 0;
    int chars = 0;
    long maxChars = TokenBudget.maxChars(budget);
    for (Segment atom : atoms) {
      if (!piece.isEmpty()) {
        int sepTokens = counter.separatorTokens(atom.separator());
        int addedChars = atom.separator().length() + atom.text().length();
        if (tokens + sepTokens + atom.tokens() <= budget && chars + addedChars <= maxChars) {
          piece.add(atom);
          tokens += sepTokens + atom.tokens();
          chars += addedChars;
          continue;
        }
        close(piece, budget, pieces);
        piece = new ArrayList<>();
      }
      piece.add(atom);
      tokens = atom.tokens();
      chars = atom.text().length();
    }
    if (!piece.isEmpty()) {
      close(piece, budget, pieces);
    }
    return pieces;
  }

  private void close(List<Segment> piece, int budget, List<Piece> pieces) {
    if (piece.size() == 1) {
      pieces.add(new Piece(piece.get(0).text(), piece.get(0).tokens()));
      return;
    }
    String joined = join(piece);
    int joinedTokens = counter.tokensIfFits(joined, budget);
    if (joinedTokens >= 0) {
      pieces.add(new Piece(joined, joinedTokens));
      return;
    }
    String current = null;
    int currentTokens = 0;
    for (Segment atom : piece) {
      if (current == null) {
        current = atom.text();
        currentTokens = atom.tokens();
        continue;
      }
      String candidate = current + atom.separator() + atom.text();
      int candidateTokens = counter.tokensIfFits(candidate, budget);
      if (candidateTokens >= 0) {
        current = candidate;
        currentTokens = candidateTokens;
      } else {
        pieces.add(new Piece(current, currentTokens));
        current = atom.text();
        currentTokens = atom.tokens();
      }
    }
    pieces.add(new Piece(Objects.requireNonNull(current), currentTokens));
  }

  private static String join(List<Segment> piece) {
    StringBuilder out = new StringBuilder(piece.get(0).text());
    for (int i = 1; i < piece.size(); i++) {
      out.append(piece.get(i).separator()).append(piece.get(i).text());
    }
    return out.toString();
  }

  private static boolean fenced(List<String> lines) {
    String first = lines.get(0).strip();
    String last = lines.get(lines.size() - 1).strip();
    return lines.size() >= 2
        && ((first.startsWith("```") && last.startsWith("```"))
            || (first.startsWith("~~~") && last.startsWith("~~~")));
  }

  private static int tableHeaderLines(List<String> lines) {
    if (lines.size() >= 3 && TABLE_DELIMITER.matcher(lines.get(1)).matches()) {
      return 2;
    }
    return 1;
  }
}
