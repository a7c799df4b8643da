package io.elavira.ingest.chunk;

import io.elavira.document.BlockType;
import io.elavira.llm.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one text into pieces of at most a token budget, trying the coarsest boundary first:
 * paragraphs, lines, sentences, clauses ({@code ;} and {@code :}), phrases (commas), words, and
 * characters as a last resort. Pieces are packed greedily, so small parts share a piece.
 *
 * <p>Sentence ends understand French typography: a space before {@code ! ? ; :} and closing
 * guillemets ({@code « ... »}) stay with the sentence they belong to. Immutable and thread-safe.
 */
final class TextSplitter {
  private static final int PARAGRAPHS = 0;
  private static final int LINES = 1;
  private static final int SENTENCES = 2;
  private static final int CLAUSES = 3;
  private static final int PHRASES = 4;
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
  private static final Pattern TABLE_DELIMITER = Pattern.compile("^[\\s|:+-]*-[\\s|:+-]*$");

  private final TokenCounter counter;

  TextSplitter(TokenCounter counter) {
    this.counter = counter;
  }

  int count(String text) {
    return counter.count(text);
  }

  /**
   * Splits a block's text into pieces of at most {@code budget} tokens. Code keeps its fences and
   * tables their header rows on every piece when there is room for them.
   *
   * @param lead text to put first (a heading), packed with the first piece when it fits; or null
   */
  List<String> split(String text, BlockType type, String lead, int budget) {
    if (type == BlockType.CODE || type == BlockType.TABLE) {
      List<String> lines = List.of(text.split("\n", -1));
      int headLines = type == BlockType.TABLE ? tableHeaderLines(lines) : fenced(lines) ? 1 : 0;
      int tailLines = type == BlockType.CODE && headLines == 1 ? 1 : 0;
      if (headLines > 0 && lines.size() > headLines + tailLines) {
        String head = String.join("\n", lines.subList(0, headLines));
        String tail = String.join("\n", lines.subList(lines.size() - tailLines, lines.size()));
        String body = String.join("\n", lines.subList(headLines, lines.size() - tailLines));
        int frameTokens = count(head + "\n" + tail);
        if (frameTokens * 3 <= budget) {
          List<String> framed = new ArrayList<>();
          int bodyBudget = budget - frameTokens;
          for (String piece : pack(atoms(body, LINES, bodyBudget), bodyBudget)) {
            framed.add(head + "\n" + piece + (tailLines > 0 ? "\n" + tail : ""));
          }
          return withLead(lead, framed, budget);
        }
      }
      return withLead(lead, pack(atoms(text, LINES, budget), budget), budget);
    }
    List<Segment> atoms = new ArrayList<>();
    if (lead != null && count(lead) <= budget) {
      atoms.add(new Segment(lead, ""));
      List<Segment> rest = atoms(text, PARAGRAPHS, budget);
      atoms.add(new Segment(rest.get(0).text(), "\n\n"));
      atoms.addAll(rest.subList(1, rest.size()));
      return pack(atoms, budget);
    }
    List<String> pieces = pack(atoms(text, PARAGRAPHS, budget), budget);
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

  private List<String> withLead(String lead, List<String> pieces, int budget) {
    if (lead == null) {
      return pieces;
    }
    List<String> out = new ArrayList<>(pieces);
    String merged = lead + "\n\n" + pieces.get(0);
    if (count(merged) <= budget) {
      out.set(0, merged);
    } else {
      out.add(0, lead);
    }
    return out;
  }

  /** A part of the text and the separator that joins it to the part before. */
  private record Segment(String text, String separator) {}

  /** Parts each within the budget: fitting parts whole, larger ones split at finer levels. */
  private List<Segment> atoms(String text, int level, int budget) {
    List<Segment> out = new ArrayList<>();
    collect(text, level, budget, "", out);
    return out;
  }

  private void collect(String text, int level, int budget, String separator, List<Segment> out) {
    if (count(text) <= budget) {
      out.add(new Segment(text, separator));
      return;
    }
    if (level >= CHARACTERS) {
      String first = separator;
      for (String piece : characters(text, budget)) {
        out.add(new Segment(piece, first));
        first = "";
      }
      return;
    }
    List<String> parts = parts(text, level);
    if (parts.size() <= 1) {
      collect(text, level + 1, budget, separator, out);
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

  /** Longest prefixes within the budget, never cutting a surrogate pair. */
  private List<String> characters(String text, int budget) {
    int[] bounds = new int[text.codePointCount(0, text.length()) + 1];
    for (int i = 1, offset = 0; i < bounds.length; i++) {
      offset = text.offsetByCodePoints(offset, 1);
      bounds[i] = offset;
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < bounds.length - 1) {
      int low = start + 1; // one code point always goes, even over budget
      int high = bounds.length - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (count(text.substring(bounds[start], bounds[mid])) <= budget) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      String piece = text.substring(bounds[start], bounds[low]).strip();
      if (!piece.isEmpty()) {
        out.add(piece);
      }
      start = low;
    }
    return out;
  }

  private List<String> pack(List<Segment> atoms, int budget) {
    List<String> pieces = new ArrayList<>();
    String current = null;
    for (Segment atom : atoms) {
      if (current == null) {
        current = atom.text();
        continue;
      }
      String candidate = current + atom.separator() + atom.text();
      if (count(candidate) <= budget) {
        current = candidate;
      } else {
        pieces.add(current);
        current = atom.text();
      }
    }
    if (current != null) {
      pieces.add(current);
    }
    return pieces;
  }

  private static boolean fenced(List<String> lines) {
    String first = lines.get(0).strip();
    String last = lines.get(lines.size() - 1).strip();
    return lines.size() >= 2
        && (first.startsWith("```") && last.startsWith("```")
            || first.startsWith("~~~") && last.startsWith("~~~"));
  }

  private static int tableHeaderLines(List<String> lines) {
    if (lines.size() >= 3 && TABLE_DELIMITER.matcher(lines.get(1)).matches()) {
      return 2;
    }
    return 1;
  }
}
