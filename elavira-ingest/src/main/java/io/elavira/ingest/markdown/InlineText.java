package io.elavira.ingest.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * The readable text of inline Markdown: emphasis markers, link targets and inline HTML dropped,
 * code spans and line breaks kept. Not thread-safe; one instance per call.
 */
final class InlineText extends AbstractVisitor {
  private final StringBuilder out = new StringBuilder();

  static String of(Node node) {
    InlineText visitor = new InlineText();
    node.accept(visitor);
    return visitor.out.toString().strip();
  }

  @Override
  public void visit(Text text) {
    out.append(text.getLiteral());
  }

  @Override
  public void visit(Code code) {
    out.append(code.getLiteral());
  }

  @Override
  public void visit(SoftLineBreak softLineBreak) {
    out.append('\n');
  }

  @Override
  public void visit(HardLineBreak hardLineBreak) {
    out.append('\n');
  }

  @Override
  public void visit(HtmlInline htmlInline) {
    // markup, not text
  }
}
