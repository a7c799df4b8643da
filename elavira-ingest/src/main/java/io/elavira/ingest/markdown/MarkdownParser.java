package io.elavira.ingest.markdown;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.internal.DecodedText;
import io.elavira.ingest.internal.TextDecoder;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Reads Markdown ({@code md}, {@code markdown}): CommonMark plus GitHub pipe tables.
 *
 * <p>Blocks: {@link BlockType#HEADING} (its text without the {@code #} markers), {@link
 * BlockType#PARAGRAPH} (readable text: emphasis markers and link targets dropped), {@link
 * BlockType#LIST} (the list as written, markers and nesting kept), {@link BlockType#CODE} (fenced
 * blocks whole, fences included; indented blocks as their content) and {@link BlockType#TABLE} (the
 * pipe table as written, one row per line). Block quotes contribute their inner blocks; HTML blocks
 * contribute their readable text (tags, comments, scripts and styles dropped, common entities
 * decoded); thematic breaks and link reference definitions are dropped. Every block carries the
 * path of headings it sits under, e.g. {@code "Install > Maven"}; a heading's own path ends with
 * itself, and blocks before the first heading have a null section.
 *
 * <p>The encoding is detected as for plain text and recorded in the metadata under {@value
 * #ENCODING_KEY}. YAML front matter at the top ({@code ---} ... {@code ---} or {@code ...}, blank
 * lines allowed, the first line a {@code key:}) is not indexed; its {@code title:}, else the first
 * level-1 heading, is recorded under {@value #TITLE_KEY}.
 *
 * <p>Stateless and thread-safe (the CommonMark parser is immutable and shared); the stream is never
 * closed.
 */
public final class MarkdownParser implements DocumentParser {
  /** Metadata key of the detected charset name. */
  public static final String ENCODING_KEY = "encoding";

  /** Metadata key of the document title: the front matter title, else the first level-1 heading. */
  public static final String TITLE_KEY = "title";

  /** The value of {@link Document#format()} for documents this parser returns. */
  public static final String FORMAT = "md";

  /** Separator between heading levels in a section path. */
  public static final String SECTION_SEPARATOR = " > ";

  private static final Set<String> EXTENSIONS = Set.of("md", "markdown");

  /**
   * YAML front matter (Jekyll, Hugo...): not text to index; its title is kept. The first line is a
   * "key:", and every other line YAML-like (a key, an indented or "- " continuation, a comment, or
   * blank), so that a document opening with a thematic break and prose is not taken for it.
   */
  private static final Pattern FRONT_MATTER =
      Pattern.compile(
          "\\A---[ \\t]*\\n"
              + "([\\w-]+[ \\t]*:[^\\n]*\\n"
              + "(?:(?:[\\w-]+[ \\t]*:[^\\n]*|[ \\t]+[^\\n]*|-[ \\t][^\\n]*|#[^\\n]*|)\\n)*?)"
              + "(?:---|\\.\\.\\.)[ \\t]*(?:\\n|\\z)");

  private static final Pattern FRONT_MATTER_TITLE =
      Pattern.compile("^title:[ \\t]*[\"']?(.*?)[\"']?[ \\t]*$", Pattern.MULTILINE);

  private final TextDecoder decoder = new TextDecoder();
  private final Parser parser =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS)
          .build();

  /** Creates a parser. */
  public MarkdownParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses Markdown.
   *
   * @throws IngestException EMPTY when the file has no text, CORRUPT when it looks binary or cannot
   *     be parsed, UNREADABLE when the stream fails
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    DecodedText decoded = decoder.decode(content, fileName);
    String source = decoded.text();
    Matcher frontMatter = FRONT_MATTER.matcher(source);
    String frontMatterTitle = null;
    if (frontMatter.lookingAt()) {
      Matcher title = FRONT_MATTER_TITLE.matcher(frontMatter.group(1));
      frontMatterTitle = title.find() ? title.group(1).strip() : null;
      source = source.substring(frontMatter.end());
    }
    Node root;
    try {
      root = parser.parse(source);
    } catch (RuntimeException e) {
      throw new IngestException(
          fileName,
          Reason.CORRUPT,
          "Could not parse '"
              + fileName
              + "' as Markdown ("
              + e.getClass().getSimpleName()
              + "). Check the file, or ingest it as .txt.",
          e);
    }
    Walk walk = new Walk(source);
    walk.children(root);
    if (walk.blocks.isEmpty()) {
      throw new IngestException(
          fileName,
          Reason.EMPTY,
          "'"
              + fileName
              + "' is empty or holds no text (only whitespace or markup); there is "
              + "nothing to ingest. Add text to it or leave it out.");
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put(ENCODING_KEY, decoded.encoding());
    String title =
        frontMatterTitle != null && !frontMatterTitle.isEmpty() ? frontMatterTitle : walk.title;
    if (title != null) {
      metadata.put(TITLE_KEY, title);
    }
    return new Document(fileName, fileName, FORMAT, walk.blocks, metadata);
  }

  /** One traversal of a parsed document; not shared between calls. */
  private static final class Walk {
    private final String source;
    private final List<Block> blocks = new ArrayList<>();
    private final Deque<Heading> headingLevels = new ArrayDeque<>();
    private final Deque<String> headingTexts = new ArrayDeque<>();
    private @Nullable String section;
    private @Nullable String title;

    Walk(String source) {
      this.source = source;
    }

    void children(Node parent) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
        visit(node);
      }
    }

    private void visit(Node node) {
      if (node instanceof Heading h) {
        heading(h);
      } else if (node instanceof Paragraph) {
        add(BlockType.PARAGRAPH, InlineText.of(node));
      } else if (node instanceof ListBlock) {
        add(BlockType.LIST, raw(node));
      } else if (node instanceof FencedCodeBlock) {
        add(BlockType.CODE, raw(node));
      } else if (node instanceof IndentedCodeBlock code) {
        add(BlockType.CODE, code.getLiteral());
      } else if (node instanceof TableBlock) {
        add(BlockType.TABLE, raw(node));
      } else if (node instanceof BlockQuote) {
        children(node);
      } else if (node instanceof HtmlBlock html) {
        add(BlockType.PARAGRAPH, HtmlText.of(html.getLiteral()));
      }
      // ThematicBreak, LinkReferenceDefinition and unknown custom blocks carry no text.
    }

    private void heading(Heading heading) {
      String text = InlineText.of(heading);
      if (text.isBlank()) {
        return;
      }
      while (!headingLevels.isEmpty()
          && headingLevels.peekLast().getLevel() >= heading.getLevel()) {
        headingLevels.removeLast();
        headingTexts.removeLast();
      }
      headingLevels.addLast(heading);
      headingTexts.addLast(text.replace('\n', ' '));
      section = String.join(SECTION_SEPARATOR, headingTexts);
      if (title == null && heading.getLevel() == 1) {
        title = text;
      }
      add(BlockType.HEADING, text);
    }

    private void add(BlockType type, String text) {
      String stripped = stripBlankLines(text);
      if (!stripped.isBlank()) {
        blocks.add(new Block(type, stripped, section, null));
      }
    }

    /** The node's source text, from its first to its last line. */
    private String raw(Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        return InlineText.of(node);
      }
      SourceSpan first = spans.get(0);
      SourceSpan last = spans.get(spans.size() - 1);
      int start = Math.max(0, first.getInputIndex());
      int end = Math.min(source.length(), last.getInputIndex() + last.getLength());
      return source.substring(start, end);
    }

    /** Drops blank leading/trailing lines and trailing spaces, keeping indentation. */
    private static String stripBlankLines(String text) {
      Iterator<String> lines = text.lines().iterator();
      List<String> kept = new ArrayList<>();
      while (lines.hasNext()) {
        kept.add(lines.next().stripTrailing());
      }
      while (!kept.isEmpty() && kept.get(0).isBlank()) {
        kept.remove(0);
      }
      while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
        kept.remove(kept.size() - 1);
      }
      return kept.stream().collect(Collectors.joining("\n"));
    }
  }
}
