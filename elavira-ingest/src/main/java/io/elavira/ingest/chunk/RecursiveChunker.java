package io.elavira.ingest.chunk;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Chunker;
import io.elavira.document.Document;
import io.elavira.llm.TokenCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A structure-aware chunker with a token budget and overlap.
 *
 * <pre>{@code
 * OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2();
 * Chunker chunker = RecursiveChunker.builder()
 *     .tokenCounter(model.tokenCounter())          // exact WordPiece count, no [CLS]/[SEP]
 *     .maxTokens(model.maxSequenceLength() - 2)     // MiniLM: 256 - 2 special tokens = 254
 *     .overlapTokens(32)
 *     .build();
 * List<Chunk> chunks = chunker.chunk(document);
 * }</pre>
 *
 * <p>Sizing for the embedding model: a chunk longer than the model's window is cut at the end when
 * embedded, so its tail is never found by search. Pass the model's own counter and a budget of at
 * most its window minus its special tokens, as above. The default counter, {@link
 * TokenCounter#estimating()}, counts words, not word pieces: French text and long or rare words
 * take more WordPiece tokens than it estimates (on French administrative text about 2% of the
 * default 200-token chunks exceed MiniLM's 254 pieces), so keep the default only for models with a
 * larger window.
 *
 * <p>How it splits:
 *
 * <ul>
 *   <li>Consecutive blocks of the same section are packed into chunks of at most {@link
 *       Builder#maxTokens maxTokens}; a chunk never holds two sections. A section that is only a
 *       heading (a title directly followed by a sub-heading) is carried into the next, deeper
 *       section so no chunk is a lone title.
 *   <li>A heading stays with the text after it; code blocks and tables stay whole when they fit.
 *   <li>A block over the budget is split recursively: paragraphs, lines, sentences (French spacing
 *       and guillemets understood), clauses, phrases, words, and characters as a last resort. Split
 *       code keeps its fences and split tables repeat their header on every piece.
 *   <li>A chat turn ({@link BlockType#TURN}) is a chunk of its own, split only when it alone
 *       exceeds the budget, so a chunk never mixes two speakers. A chunk carries the metadata of
 *       its first block (a turn's speaker, timestamp and model) besides the keys below.
 *   <li>Overlap: a chunk that continues a split block starts with the tail of the chunk before (at
 *       most {@link Builder#overlapTokens overlapTokens} and half of that chunk; whole sentences,
 *       else whole words). Between whole blocks of a named section the tail is added only when
 *       whole sentences fit; text without sections (plain text) gets none there. No overlap
 *       precedes or follows a heading, a code block or a table, and none crosses sections. The
 *       metadata key {@value #OVERLAP_CHARS_KEY} gives the length of the repeated prefix.
 * </ul>
 *
 * <p>Guarantees: every chunk counts at most {@code maxTokens} with the configured counter and holds
 * at most {@code max(12 × maxTokens, 1000)} characters (a tokenizer may count a very long word as
 * one token: WordPiece makes an {@code [UNK]} of any word over 100 characters), is not blank, and
 * chunks are numbered 0..n-1 in reading order; no word of the document is lost (a word longer than
 * the whole budget is cut into pieces); the same document always gives the same chunks. A chunk's
 * page is the page of its first block.
 *
 * <p>Cost: linear in the document's length; the counter sees each character a few times (about six
 * for one huge paragraph), so a 5 MB text chunks in well under a second with the estimating counter
 * and in a few seconds with a WordPiece counter, far below the time to embed it.
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class RecursiveChunker implements Chunker {
  /** Default budget of a chunk, in tokens. */
  public static final int DEFAULT_MAX_TOKENS = 200;

  /** Default overlap between consecutive chunks of a section, in tokens. */
  public static final int DEFAULT_OVERLAP_TOKENS = 30;

  /** Chunk metadata key: the block types in the chunk, comma separated, e.g. "HEADING,CODE". */
  public static final String BLOCK_TYPES_KEY = "blockTypes";

  /** Chunk metadata key: how many leading characters repeat the previous chunk (absent if 0). */
  public static final String OVERLAP_CHARS_KEY = "overlapChars";

  private static final String BLOCK_SEPARATOR = "\n\n";

  private final int maxTokens;
  private final int overlapTokens;
  private final TokenCounter counter;
  private final TextSplitter splitter;

  private RecursiveChunker(Builder builder) {
    this.maxTokens = builder.maxTokens;
    this.overlapTokens = builder.overlapTokens;
    this.counter = builder.tokenCounter;
    this.splitter = new TextSplitter(counter);
  }

  /** A builder with the defaults: 200 tokens, 30 of overlap, {@link TokenCounter#estimating()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The budget of a chunk, in tokens. */
  public int maxTokens() {
    return maxTokens;
  }

  /** The overlap between consecutive chunks of a section, in tokens. */
  public int overlapTokens() {
    return overlapTokens;
  }

  /**
   * Splits the document; a blank document gives an empty list.
   *
   * @throws NullPointerException when the document is null
   */
  @Override
  public List<Chunk> chunk(Document document) {
    Objects.requireNonNull(document, "document");
    List<Chunk> chunks = new ArrayList<>();
    for (Section section : sections(document.blocks())) {
      chunkSection(section, chunks);
    }
    return Collections.unmodifiableList(chunks);
  }

  /** Consecutive non-blank blocks with the same section; heading-only sections carried forward. */
  private static List<Section> sections(List<Block> blocks) {
    List<Section> sections = new ArrayList<>();
    Section current = null;
    for (Block block : blocks) {
      if (block.text().isBlank()) {
        continue;
      }
      if (current == null || !Objects.equals(current.name, block.section())) {
        Section next = new Section(block.section());
        if (current != null && current.onlyHeadings() && isWithin(next.name, current.name)) {
          next.blocks.addAll(current.blocks);
          sections.remove(sections.size() - 1);
        }
        sections.add(next);
        current = next;
      }
      current.blocks.add(block);
    }
    return sections;
  }

  private static boolean isWithin(@Nullable String child, @Nullable String parent) {
    return child != null && (parent == null || child.startsWith(parent + " > "));
  }

  /** The blocks of a section turned into units (whole blocks, or pieces of split ones). */
  private List<Unit> units(Section section) {
    int pieceBudget = maxTokens - overlapTokens;
    List<Unit> units = new ArrayList<>();
    for (Block block : section.blocks) {
      String text = block.text().strip();
      if (splitter.fits(text, maxTokens)) {
        units.add(new Unit(text, List.of(block.type()), block.page(), false, block.metadata()));
        continue;
      }
      Unit last = units.isEmpty() ? null : units.get(units.size() - 1);
      @Nullable String lead = null;
      List<BlockType> firstTypes = List.of(block.type());
      if (last != null && !last.continuation && last.types.equals(List.of(BlockType.HEADING))) {
        units.remove(units.size() - 1);
        lead = last.text;
        firstTypes = List.of(BlockType.HEADING, block.type());
      }
      List<String> pieces = splitter.split(text, block.type(), lead, pieceBudget);
      for (int i = 0; i < pieces.size(); i++) {
        boolean leadAlone = lead != null && i == 0 && pieces.get(0).equals(lead);
        List<BlockType> types =
            leadAlone ? List.of(BlockType.HEADING) : i == 0 ? firstTypes : List.of(block.type());
        boolean continuation = i > 0 && !(i == 1 && leadAlone);
        units.add(
            new Unit(
                pieces.get(i),
                types,
                i == 0 && last != null && lead != null ? last.page : block.page(),
                continuation,
                block.metadata()));
      }
    }
    return units;
  }

  private void chunkSection(Section section, List<Chunk> out) {
    List<Unit> units = units(section);
    List<Unit> current = new ArrayList<>();
    String overlap = "";
    @Nullable Unit previousLast = null;
    @Nullable String previousText = null;
    for (Unit unit : units) {
      if (!current.isEmpty()) {
        boolean fits =
            !unit.continuation
                && !isTurn(unit)
                && !isTurn(current.get(current.size() - 1))
                && splitter.fits(text(overlap, current) + BLOCK_SEPARATOR + unit.text, maxTokens);
        if (fits) {
          current.add(unit);
          continue;
        }
        Unit carried = null;
        if (current.size() > 1 && isHeading(current.get(current.size() - 1))) {
          carried = current.remove(current.size() - 1); // keep a heading with what follows
        }
        previousText = emit(section, overlap, current, out);
        previousLast = current.get(current.size() - 1);
        current = new ArrayList<>();
        if (carried != null) {
          current.add(carried);
          overlap = "";
          previousLast = null;
          if (splitter.fits(carried.text + BLOCK_SEPARATOR + unit.text, maxTokens)
              && !unit.continuation) {
            current.add(unit);
            continue;
          }
          previousText = emit(section, overlap, current, out);
          previousLast = carried;
          current = new ArrayList<>();
        }
      }
      overlap = overlapFor(previousText, previousLast, unit, section.name);
      current.add(unit);
    }
    if (!current.isEmpty()) {
      emit(section, overlap, current, out);
    }
  }

  /**
   * The tail of the previous chunk to repeat: whole sentences, or whole words when a block was
   * split mid-sentence. Between whole blocks only within a named section, and only sentences.
   */
  private String overlapFor(
      @Nullable String previousText,
      @Nullable Unit previousLast,
      Unit next,
      @Nullable String section) {
    if (overlapTokens == 0
        || previousText == null
        || isHeading(next)
        || isFramed(next)
        || previousLast == null
        || isFramed(previousLast)
        || (!next.continuation && section == null)) {
      return "";
    }
    int budget = Math.min(overlapTokens, counter.count(previousText) / 2);
    String tail = tail(splitter.sentences(previousText), " ", budget);
    if (tail.isEmpty() && next.continuation) {
      tail = tail(splitter.words(previousText), " ", budget);
    }
    if (tail.isEmpty() || !splitter.fits(tail + BLOCK_SEPARATOR + next.text, maxTokens)) {
      return "";
    }
    return tail;
  }

  private String tail(List<String> parts, String separator, int budget) {
    String tail = "";
    for (int i = parts.size() - 1; i >= 0; i--) {
      String candidate = tail.isEmpty() ? parts.get(i) : parts.get(i) + separator + tail;
      if (counter.count(candidate) > budget) {
        break;
      }
      tail = candidate;
    }
    return tail;
  }

  private String emit(Section section, String overlap, List<Unit> units, List<Chunk> out) {
    String text = text(overlap, units);
    if (!splitter.fits(text, maxTokens)) {
      // Only with a counter that is not additive over whitespace: split again, without overlap.
      for (String piece : splitter.split(text("", units), BlockType.PARAGRAPH, null, maxTokens)) {
        out.add(chunk(out.size(), piece, section, units, 0));
      }
      return text;
    }
    int overlapChars = overlap.isEmpty() ? 0 : overlap.length() + BLOCK_SEPARATOR.length();
    out.add(chunk(out.size(), text, section, units, overlapChars));
    return text;
  }

  private static Chunk chunk(
      int ordinal, String text, Section section, List<Unit> units, int overlapChars) {
    Set<BlockType> types = new LinkedHashSet<>();
    units.forEach(u -> types.addAll(u.types));
    String typeList = types.stream().map(Enum::name).collect(Collectors.joining(","));
    Map<String, String> metadata = new HashMap<>(units.get(0).metadata);
    metadata.put(BLOCK_TYPES_KEY, typeList);
    if (overlapChars != 0) {
      metadata.put(OVERLAP_CHARS_KEY, Integer.toString(overlapChars));
    }
    return new Chunk(ordinal, text, section.name, units.get(0).page, metadata);
  }

  private static String text(String overlap, List<Unit> units) {
    String body = units.stream().map(u -> u.text).collect(Collectors.joining(BLOCK_SEPARATOR));
    return overlap.isBlank() ? body : overlap + BLOCK_SEPARATOR + body;
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

  /** Consecutive blocks under one heading path; mutable while grouping only. */
  private static final class Section {
    final @Nullable String name;
    final List<Block> blocks = new ArrayList<>();

    Section(@Nullable String name) {
      this.name = name;
    }

    boolean onlyHeadings() {
      return blocks.stream().allMatch(b -> b.type() == BlockType.HEADING);
    }
  }

  /** A whole block or a piece of a split one, within the budget. */
  private record Unit(
      String text,
      List<BlockType> types,
      @Nullable Integer page,
      boolean continuation,
      Map<String, String> metadata) {}

  /**
   * Configures a {@link RecursiveChunker}. Setters validate at once; {@link #build()} checks that
   * the overlap leaves room for content. Not thread-safe; the built chunker is.
   */
  public static final class Builder {
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private int overlapTokens = DEFAULT_OVERLAP_TOKENS;
    private TokenCounter tokenCounter = TokenCounter.estimating();

    private Builder() {}

    /**
     * The budget of a chunk in tokens, default {@value RecursiveChunker#DEFAULT_MAX_TOKENS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
      }
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * The overlap between consecutive chunks of a section, default {@value
     * RecursiveChunker#DEFAULT_OVERLAP_TOKENS}; 0 disables it.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder overlapTokens(int overlapTokens) {
      if (overlapTokens < 0) {
        throw new IllegalArgumentException("overlapTokens must be >= 0, got " + overlapTokens);
      }
      this.overlapTokens = overlapTokens;
      return this;
    }

    /**
     * How tokens are counted, default {@link TokenCounter#estimating()}. Pass the embedding model's
     * counter ({@code OnnxEmbeddingModel.tokenCounter()}) together with {@code
     * maxTokens(model.maxSequenceLength() - 2)} so every chunk fits its window; see the class
     * documentation. The counter must be thread-safe.
     */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
      return this;
    }

    /**
     * Builds the chunker.
     *
     * @throws IllegalArgumentException when overlapTokens is more than half of maxTokens
     */
    public RecursiveChunker build() {
      if (overlapTokens * 2 > maxTokens) {
        throw new IllegalArgumentException(
            "overlapTokens ("
                + overlapTokens
                + ") must be at most half of maxTokens ("
                + maxTokens
                + "); lower overlapTokens");
      }
      return new RecursiveChunker(this);
    }
  }
}
