package io.elavira.ingest.office;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.ParseFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.swing.text.BadLocationException;
import javax.swing.text.rtf.RTFEditorKit;

/**
 * Reads Rich Text Format ({@code rtf}) with the JDK's RTF reader ({@code
 * javax.swing.text.rtf.RTFEditorKit}, headless, no extra dependency): the text of the body, one
 * block per paragraph; font tables, styles and other control groups are not text.
 *
 * <p>Thread-safe (a new reader per call); the stream is read into memory and never closed.
 */
public final class RtfParser implements DocumentParser {
  /** The value of {@link Document#format()} for RTF documents. */
  public static final String FORMAT = "rtf";

  private static final Set<String> EXTENSIONS = Set.of("rtf");

  /** Creates a parser. */
  public RtfParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses RTF.
   *
   * @throws IngestException EMPTY with no text, CORRUPT when it is not RTF
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes = ArchiveGuard.readAll(content, fileName);
    if (bytes.length == 0) {
      throw ParseFailures.empty(fileName);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
    if (!head.stripLeading().startsWith("{\\rtf")) {
      throw ParseFailures.corrupt(fileName, "RTF", "it does not start with {\\rtf");
    }
    String text;
    try {
      RTFEditorKit kit = new RTFEditorKit();
      javax.swing.text.Document document = kit.createDefaultDocument();
      kit.read(new ByteArrayInputStream(bytes), document, 0);
      text = document.getText(0, document.getLength());
    } catch (IOException | BadLocationException | RuntimeException e) {
      throw ParseFailures.corrupt(fileName, "RTF", e);
    }
    List<Block> blocks = new ArrayList<>();
    for (String paragraph : text.lines().toList()) {
      String stripped = paragraph.strip();
      if (!stripped.isEmpty()) {
        blocks.add(new Block(BlockType.PARAGRAPH, stripped, null, null));
      }
    }
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    return new Document(fileName, fileName, FORMAT, blocks, Map.of());
  }
}
