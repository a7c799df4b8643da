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
    // Each pattern runs only on a text where it can match (a cheap scan for its literal part
    // first): most blocks need none of them, and each regular expression pass is a scan and a copy.
    String out = text;
    if (hasInvisible(out)) {
      out = INVISIBLE.matcher(out).replaceAll("");
    }
    if (out.indexOf('-') >= 0 && out.indexOf('\n') >= 0) {
      out = HYPHENATED.matcher(out).replaceAll("$1$2");
    }
    if (hasSpaceRun(out)) {
      out = SPACES.matcher(out).replaceAll(" ");
    }
    if (out.contains(" \n") || out.contains("\t\n")) {
      out = TRAILING.matcher(out).replaceAll("\n");
    }
    if (out.contains("\n\n\n")) {
      out = BLANK_LINES.matcher(out).replaceAll("\n\n");
    }
    return out.strip();
  }

  private static boolean hasInvisible(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u00AD' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF') {
        return true;
      }
    }
    return false;
  }

  /** Whether two of the characters that SPACES collapses follow each other. */
  private static boolean hasSpaceRun(String text) {
    boolean previous = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\u00A0';
      if (space && previous) {
        return true;
      }
      previous = space;
    }
    return false;
  }
}
