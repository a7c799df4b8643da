package io.elavira.ingest.chunk;

import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The second half of {@link RecursiveChunker}: packs the units of one section (whole blocks, and
 * pieces of the blocks the {@link TextSplitter} split) into chunks within the budget, keeps a
 * heading with what follows it, never puts two chat turns together, and opens a chunk with the tail
 * of the previous one (the overlap rules of {@link RecursiveChunker}). Immutable and thread-safe.
 */
final class ChunkPacker {
  private static final String BLOCK_SEPARATOR = TextSplitter.BLOCK_SEPARATOR;

  private final TextSplitter splitter;
  private final TokenBudget counter;
  private final int maxTokens;
  private final int overlapTokens;
  private final long maxChars;

  ChunkPacker(TextSplitter splitter, TokenBudget counter, int maxTokens, int overlapTokens) {
    this.splitter = splitter;
    this.counter = counter;
    this.maxTokens = maxTokens;
    this.overlapTokens = overlapTokens;
    this.maxChars = TokenBudget.maxChars(maxTokens);
  }

  /**
   * Packs a section's units, in order, into chunks appended to {@code out}. A unit joins the chunk
   * when the tokens of the chunk so far, of the blank line and of the unit add up to the budget:
   * each unit is counted once instead of counting the growing chunk again for every unit (the
   * counters in use are additive over whitespace). Every chunk made of several parts is then
   * counted exactly once when emitted, and a chunk that a counter not additive over whitespace puts
   * over the budget is split again.
   */
  void pack(@Nullable String section, List<Unit> units, List<Chunk> out) {
    Draft current = new Draft();
    @Nullable Unit previousLast = null;
    @Nullable Emitted previous = null;
    for (Unit unit : units) {
      if (!current.isEmpty()) {
        boolean fits =
            !unit.continuation
                && !isTurn(unit)
                && !isTurn(current.last())
                && current.fitsWith(unit);
        if (fits) {
          current.add(unit);
          continue;
        }
        Unit carried = null;
        if (current.units.size() > 1 && isHeading(current.last())) {
          carried = current.removeLast(); // keep a heading with what follows
        }
        previous = emit(section, current, out);
        previousLast = current.last();
        current = new Draft();
        if (carried != null) {
          current.add(carried);
          previousLast = null;
          if (current.fitsWith(unit) && !unit.continuation) {
            current.add(unit);
            continue;
          }
          previous = emit(section, current, out);
          previousLast = carried;
          current = new Draft();
        }
      }
      current.overlap(overlapFor(previous, previousLast, unit, section));
      current.add(unit);
    }
    if (!current.isEmpty()) {
      emit(section, current, out);
    }
  }

  /**
   * The tail of the previous chunk to repeat: whole sentences, or whole words when a block was
   * split mid-sentence. Between whole blocks only within a named section, and only sentences.
   */
  private TextSplitter.Piece overlapFor(
      @Nullable Emitted previous,
      @Nullable Unit previousLast,
      Unit next,
      @Nullable String section) {
    TextSplitter.Piece none = new TextSplitter.Piece("", 0);
    if (overlapTokens == 0
        || previous == null
        || isHeading(next)
        || isFramed(next)
        || previousLast == null
        || isFramed(previousLast)
        || (!next.continuation && section == null)) {
      return none;
    }
    int budget = Math.min(overlapTokens, previous.tokens() / 2);
    TextSplitter.Piece tail = tail(splitter.sentences(previous.text()), budget);
    if (tail.text().isEmpty() && next.continuation) {
      tail = tail(splitter.words(previous.text()), budget);
    }
    if (tail.text().isEmpty()
        || tail.text().length() + BLOCK_SEPARATOR.length() + next.text.length() > maxChars
        || tail.tokens() + counter.separatorTokens(BLOCK_SEPARATOR) + next.tokens > maxTokens) {
      return none;
    }
    return tail;
  }

  /** The most parts from the end, joined by spaces, within the budget; each part counted once. */
  private TextSplitter.Piece tail(List<String> parts, int budget) {
    StringBuilder tail = new StringBuilder();
    int tokens = 0;
    int space = counter.separatorTokens(" ");
    for (int i = parts.size() - 1; i >= 0; i--) {
      String part = parts.get(i);
      int candidate =
          tail.length() == 0 ? counter.count(part) : counter.count(part) + space + tokens;
      if (candidate > budget) {
        break;
      }
      tail.insert(0, tail.length() == 0 ? part : part + " ");
      tokens = candidate;
    }
    return new TextSplitter.Piece(tail.toString(), tokens);
  }

  /** Emits a chunk, counted exactly unless it is one piece whose count is known. */
  private Emitted emit(@Nullable String section, Draft draft, List<Chunk> out) {
    String text = draft.text();
    int tokens =
        draft.units.size() == 1 && draft.overlap.isEmpty()
            ? draft.tokens
            : counter.tokensIfFits(text, maxTokens);
    if (tokens < 0 || tokens > maxTokens || text.length() > maxChars) {
      // Only with a counter that is not additive over whitespace: split again, without overlap.
      String body = Draft.join(draft.units);
      for (TextSplitter.Piece piece :
          splitter.split(body, BlockType.PARAGRAPH, null, maxTokens, false)) {
        out.add(chunk(out.size(), piece.text(), section, draft.units, 0));
      }
      return new Emitted(text, tokens >= 0 ? tokens : counter.count(text));
    }
    int overlapChars =
        draft.overlap.isEmpty() ? 0 : draft.overlap.length() + BLOCK_SEPARATOR.length();
    out.add(chunk(out.size(), text, section, draft.units, overlapChars));
    return new Emitted(text, tokens);
  }

  private static Chunk chunk(
      int ordinal, String text, @Nullable String section, List<Unit> units, int overlapChars) {
    Set<BlockType> types = new LinkedHashSet<>();
    units.forEach(u -> types.addAll(u.types));
    String typeList = types.stream().map(Enum::name).collect(Collectors.joining(","));
    Map<String, String> metadata = new HashMap<>(units.get(0).metadata);
    metadata.put(RecursiveChunker.BLOCK_TYPES_KEY, typeList);
    if (overlapChars != 0) {
      metadata.put(RecursiveChunker.OVERLAP_CHARS_KEY, Integer.toString(overlapChars));
    }
    return new Chunk(ordinal, text, section, units.get(0).page, metadata);
  }

  private static boolean isHeading(Unit unit) {
    return unit.types.equals(List.of(BlockType.HEADING));
  }

  private static boolean isFramed(Unit unit) {
    BlockType type = unit.types.get(unit.types.size() - 1);
    return type == BlockType.CODE || type == BlockType.TABLE || type == BlockType.TURN;
  }

  /** A chat turn is a chunk of its own: its speaker and time stay exact in the metadata. */
  private static boolean isTurn(Unit unit) {
    return unit.types.contains(BlockType.TURN);
  }

  /** A whole block or a piece of a split one, within the budget, and its exact token count. */
  record Unit(
      String text,
      int tokens,
      List<BlockType> types,
      @Nullable Integer page,
      boolean continuation,
      Map<String, String> metadata) {}

  /** A chunk as made: its text and exact token count. */
  private record Emitted(String text, int tokens) {}

  /**
   * A chunk being filled: the overlap that opens it, its units, and the sum of their tokens and
   * characters with the blank lines between them.
   */
  private final class Draft {
    final List<Unit> units = new ArrayList<>();
    String overlap = "";
    int tokens;
    int chars;

    boolean isEmpty() {
      return units.isEmpty();
    }

    Unit last() {
      return units.get(units.size() - 1);
    }

    /** Whether the draft with {@code unit} appended stays within the budget, by the sums. */
    boolean fitsWith(Unit unit) {
      return chars + BLOCK_SEPARATOR.length() + unit.text.length() <= maxChars
          && tokens + counter.separatorTokens(BLOCK_SEPARATOR) + unit.tokens <= maxTokens;
    }

    /** Opens the (empty) draft with an overlap, or none when {@code tail} is empty. */
    void overlap(TextSplitter.Piece tail) {
      overlap = tail.text();
      tokens = tail.tokens();
      chars = tail.text().length();
    }

    void add(Unit unit) {
      boolean first = units.isEmpty() && overlap.isEmpty();
      units.add(unit);
      tokens += unit.tokens + (first ? 0 : counter.separatorTokens(BLOCK_SEPARATOR));
      chars += unit.text.length() + (first ? 0 : BLOCK_SEPARATOR.length());
    }

    Unit removeLast() {
      Unit removed = units.remove(units.size() - 1);
      tokens -= removed.tokens + counter.separatorTokens(BLOCK_SEPARATOR);
      chars -= removed.text.length() + BLOCK_SEPARATOR.length();
      return removed;
    }

    String text() {
      String body = join(units);
      return overlap.isEmpty() ? body : overlap + BLOCK_SEPARATOR + body;
    }

    static String join(List<Unit> units) {
      return units.stream().map(u -> u.text).collect(Collectors.joining(BLOCK_SEPARATOR));
    }
  }
}
