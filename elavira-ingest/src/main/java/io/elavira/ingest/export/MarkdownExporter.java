package io.elavira.ingest.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.commonmark.node.Document;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Writes a document as Markdown (UTF-8): YAML front matter with its {@code title} and {@code lang},
 * then, for a letter, the sender, the recipient, the place and date and the subject (bold) as plain
 * text paragraphs (their lines kept with hard line breaks, Markdown characters escaped), the body
 * as written, and the signature.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarkdownExporter implements DocumentExporter {
  private final MarkdownRenderer renderer = MarkdownRenderer.builder().build();
  private final ObjectMapper yaml =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  /** Creates an exporter. */
  public MarkdownExporter() {}

  @Override
  public ExportFormat format() {
    return ExportFormat.MARKDOWN;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ExportException WRITE_FAILED when the stream fails, RENDER_FAILED when the front matter
   *     cannot be written
   */
  @Override
  public void write(ExportDocument document, OutputStream out, String fileName) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(out, "out");
    StringBuilder text = new StringBuilder();
    text.append("---\n").append(frontMatter(document, fileName)).append("---\n\n");
    document
        .letter()
        .ifPresentOrElse(
            letter -> {
              text.append(plain(letter.sender(), false))
                  .append(plain(letter.recipient(), false))
                  .append(plain(letter.placeAndDate(), false))
                  .append(plain(letter.subject(), true));
              text.append(document.body().strip()).append("\n\n");
              text.append(plain(letter.signature(), false));
            },
            () -> text.append(document.body().strip()).append('\n'));
    try {
      out.write(text.toString().stripTrailing().concat("\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw Failures.write(fileName, e);
    }
  }

  private String frontMatter(ExportDocument document, String fileName) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", document.title());
    fields.put("lang", document.language().tag());
    try {
      return yaml.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw Failures.render(fileName, "Markdown", e);
    }
  }

  /** One paragraph of plain text, its lines kept, escaped by CommonMark's own renderer. */
  private String plain(String text, boolean bold) {
    Paragraph paragraph = new Paragraph();
    Node target = paragraph;
    if (bold) {
      target = new StrongEmphasis();
      paragraph.appendChild(target);
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        target.appendChild(new HardLineBreak());
      }
      target.appendChild(new Text(lines[i].strip()));
    }
    Document root = new Document();
    root.appendChild(paragraph);
    return renderer.render(root).strip() + "\n\n";
  }
}
