package io.elavira.document;

/** What kind of content a {@link Block} holds; chunkers use it to keep structure intact. */
public enum BlockType {
  /** A title or heading; starts a section. */
  HEADING,
  /** Running text. */
  PARAGRAPH,
  /** A list (all its items). */
  LIST,
  /** Source code or preformatted text; kept whole when it fits. */
  CODE,
  /** A table, as text with one row per line. */
  TABLE,
  /**
   * One turn of a conversation (what one speaker said once), with its speaker and time in the
   * block's metadata; chunkers cut between turns and split a turn only when it alone exceeds the
   * budget.
   */
  TURN
}
