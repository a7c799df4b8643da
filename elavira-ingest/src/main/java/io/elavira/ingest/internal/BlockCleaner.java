package io.elavira.ingest.internal;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cleaning step of the pipeline, between parsing and chunking: in running text it removes soft
 * hyphens and zero-width characters, joins words hyphenated across a line end ("infor-\nmation"
 * becomes "information" when the next line goes on in lower case), collapses runs of spaces and
 * tabs, strips trailing spaces and squeezes blank lines. Code and tables are left exactly as they
 * are (their spacing is meaningful). Blocks left blank are dropped. Stateless and thread-safe.
 */
public final class BlockCleaner {
  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B\\u200C\\u200D\\uFEFF]");
  private static final Pattern HYPHENATED = Pattern.compile("(\\p{L})-[ \\t]*\\n[ \\t]*(\\p{Ll})");
  private static final Pattern SPACES = Pattern.compile("(?<=\\S)[ \\t\\u00A0]{2,}");
  private static final Pattern TRAILING = Pattern.compile("[ \\t]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private BlockCleaner() {}

  /** The document with its running text cleaned; the same instance when nothing changed. */
  public static Document clean(Document document) {
    List<Block> blocks = new ArrayList<>(document.blocks().size());
    boolean changed = false;
    for (Block block : document.blocks()) {
      String text = cleanText(block.type(), block.text());
      if (text.isBlank()) {
        changed = true;
        continue;
      }
      if (!text.equals(block.text())) {
        changed = true;
        block = new Block(block.type(), text, block.section(), block.page(), block.metadata());
      }
      blocks.add(block);
    }
    return changed
        ? new Document(
            document.name(), document.location(), document.format(), blocks, document.metadata())
        : document;
  }

  /** Cleans one block's text; code and tables come back unchanged. */
  public static String cleanText(BlockType type, String text) {
    if (type == BlockType.CODE || type == BlockType.TABLE) {
      return text;
    }
    String out = INVISIBLE.matcher(text).replaceAll("");
    out = HYPHENATED.matcher(out).replaceAll("$1$2");
    out = SPACES.matcher(out).replaceAll(" ");
    out = TRAILING.matcher(out).replaceAll("\n");
    out = BLANK_LINES.matcher(out).replaceAll("\n\n");
    return out.strip();
  }
}
