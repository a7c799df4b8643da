package io.elavira.ingest.data;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ParseFailures;
import io.elavira.ingest.internal.TextDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads XML files ({@code xml}) as the text of their elements, tags dropped: each child of the root
 * element (a record, such as a {@code <country>}) is one block, with one line per element that
 * holds text. The encoding comes from the BOM or the XML declaration (UTF-16 included). External
 * entities and DTDs are never loaded, and entity expansion is bounded (JAXP secure processing).
 *
 * <p>Stateless and thread-safe; the stream is never closed.
 */
public final class XmlParser implements DocumentParser {
  /** The value of {@link Document#format()} for XML documents. */
  public static final String FORMAT = "xml";

  private static final Set<String> EXTENSIONS = Set.of("xml");

  private final TextDecoder decoder = new TextDecoder();

  /** Creates a parser. */
  public XmlParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses XML.
   *
   * @throws IngestException EMPTY when no element holds text, CORRUPT when it is not well-formed
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    // Decoded here, not by the XML parser: files whose declaration names another encoding than
    // their bytes (a UTF-16 file declaring UTF-8) are common, and the byte order mark is right.
    String text = decoder.decode(content, fileName).text();
    if (text.isBlank()) {
      throw ParseFailures.empty(fileName);
    }
    org.w3c.dom.Document xml;
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      xml = builder.parse(new InputSource(new StringReader(text)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw ParseFailures.corrupt(fileName, "XML", e);
    }
    Element root = xml.getDocumentElement();
    List<Block> blocks = new ArrayList<>();
    List<String> loose = new ArrayList<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        List<String> lines = new ArrayList<>();
        texts(child, lines);
        add(blocks, lines);
      } else if (child.getNodeType() == Node.TEXT_NODE
          || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        loose.add(child.getNodeValue());
      }
    }
    add(blocks, loose);
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    return new Document(fileName, fileName, FORMAT, blocks, Map.of());
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(true);
    return factory;
  }

  /** One line per run of text directly inside an element, in document order. */
  private static void texts(Node node, List<String> lines) {
    StringBuilder own = new StringBuilder();
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      short type = child.getNodeType();
      if (type == Node.TEXT_NODE || type == Node.CDATA_SECTION_NODE) {
        own.append(child.getNodeValue());
      } else if (type == Node.ELEMENT_NODE) {
        flush(own, lines);
        texts(child, lines);
      }
    }
    flush(own, lines);
  }

  private static void flush(StringBuilder text, List<String> lines) {
    String line = text.toString().replaceAll("\\s+", " ").strip();
    if (!line.isEmpty()) {
      lines.add(line);
    }
    text.setLength(0);
  }

  private static void add(List<Block> blocks, List<String> lines) {
    String text = String.join("\n", lines).strip();
    if (!text.isEmpty()) {
      blocks.add(new Block(BlockType.PARAGRAPH, text, null, null));
    }
    lines.clear();
  }
}
