package io.elavira.ingest.chunk;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Chunker;
import io.elavira.document.Document;
import io.elavira.llm.TokenCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
 * <p>Cost: linear in the document's length; the counter sees each character a few times (about two
 * for text made of blocks that fit: each block once, each chunk of several blocks once more to
 * check it; about six for one huge paragraph), so a 5 MB text chunks in well under a second with
 * the estimating counter and in a few seconds with a WordPiece counter, far below the time to embed
 * it. Blocks are packed by adding up their counts, which is exact for counters that count nothing
 * for whitespace and no token across it (the estimating counter, WordPiece); with any other
 * counter, the exact count of every chunk still keeps it within the budget.
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

  private final int maxTokens;
  private final int overlapTokens;
  private final TokenBudget counter;
  private final TextSplitter splitter;
  private final ChunkPacker packer;

  private RecursiveChunker(Builder builder) {
    this.maxTokens = builder.maxTokens;
    this.overlapTokens = builder.overlapTokens;
    this.counter = new TokenBudget(builder.tokenCounter);
    this.splitter = new TextSplitter(counter);
    this.packer = new ChunkPacker(splitter, counter, maxTokens, overlapTokens);
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
      packer.pack(section.name, units(section), chunks);
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
  private List<ChunkPacker.Unit> units(Section section) {
    int pieceBudget = maxTokens - overlapTokens;
    List<ChunkPacker.Unit> units = new ArrayList<>();
    for (Block block : section.blocks) {
      String text = block.text().strip();
      int tokens = counter.tokensIfFits(text, maxTokens);
      if (tokens >= 0) {
        units.add(
            new ChunkPacker.Unit(
                text, tokens, List.of(block.type()), block.page(), false, block.metadata()));
        continue;
      }
      ChunkPacker.Unit last = units.isEmpty() ? null : units.get(units.size() - 1);
      @Nullable String lead = null;
      List<BlockType> firstTypes = List.of(block.type());
      if (last != null && !last.continuation() && last.types().equals(List.of(BlockType.HEADING))) {
        units.remove(units.size() - 1);
        lead = last.text();
        firstTypes = List.of(BlockType.HEADING, block.type());
      }
      // The block is over maxTokens, hence over the smaller piece budget: not counted again.
      List<TextSplitter.Piece> pieces = splitter.split(text, block.type(), lead, pieceBudget, true);
      for (int i = 0; i < pieces.size(); i++) {
        TextSplitter.Piece piece = pieces.get(i);
        boolean leadAlone = lead != null && i == 0 && piece.text().equals(lead);
        List<BlockType> types =
            leadAlone ? List.of(BlockType.HEADING) : i == 0 ? firstTypes : List.of(block.type());
        boolean continuation = i > 0 && !(i == 1 && leadAlone);
        units.add(
            new ChunkPacker.Unit(
                piece.text(),
                piece.tokens(),
                types,
                i == 0 && last != null && lead != null ? last.page() : block.page(),
                continuation,
                block.metadata()));
      }
    }
    return units;
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
