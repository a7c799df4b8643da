package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of a text-like file (plain text, Markdown...) with encoding detection.
 *
 * <p>Order: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins; then BOM-less UTF-16 recognised by
 * its pattern of zero bytes; then strict UTF-8; then windows-1252 (a superset of ISO-8859-1 for
 * printable text), or ISO-8859-1 when the bytes use code points windows-1252 leaves undefined.
 * Content with NUL bytes or many control characters is refused as binary.
 *
 * <p>Stateless and thread-safe; {@link #decode} never closes the stream.
 */
public final class TextDecoder {
  /** Control characters (other than tab, line feed, carriage return, form feed, escape) above
   * this share of all characters mean the content is binary. */
  private static final double MAX_CONTROL_RATIO = 0.05;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Creates a decoder. */
  public TextDecoder() {}

  /**
   * Reads the stream fully and decodes it.
   *
   * @param content the bytes; not closed
   * @param fileName the file name for error messages
   * @return the decoded text, possibly blank (callers decide whether blank is an error)
   * @throws IngestException UNREADABLE on an I/O error, CORRUPT when the content looks binary
   */
  public DecodedText decode(InputStream content, String fileName) {
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new IngestException(fileName, Reason.UNREADABLE,
          "Could not read '" + fileName + "': " + e.getMessage()
              + ". Check that the file exists and is readable.", e);
    }
    return decode(bytes, fileName);
  }

  /**
   * Decodes bytes already in memory; see {@link #decode(InputStream, String)}.
   *
   * @throws IngestException CORRUPT when the content looks binary
   */
  public DecodedText decode(byte[] bytes, String fileName) {
    Charset charset;
    int offset = 0;
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      charset = StandardCharsets.UTF_8;
      offset = 3;
    } else if (startsWith(bytes, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    } else if (startsWith(bytes, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    } else {
      charset = bomLessUtf16(bytes);
    }
    String text;
    if (charset != null) {
      text = decodeLenient(bytes, offset, charset);
    } else {
      if (indexOfNul(bytes) >= 0) {
        throw binary(fileName);
      }
      String utf8 = decodeStrict(bytes, StandardCharsets.UTF_8);
      if (utf8 != null) {
        charset = StandardCharsets.UTF_8;
        text = utf8;
      } else {
        charset = usesUndefinedWindows1252Bytes(bytes) ? StandardCharsets.ISO_8859_1 : WINDOWS_1252;
        text = decodeLenient(bytes, 0, charset);
      }
    }
    if (looksBinary(text)) {
      throw binary(fileName);
    }
    return new DecodedText(normaliseLineEndings(text), charset.name());
  }

  private static IngestException binary(String fileName) {
    return new IngestException(fileName, Reason.CORRUPT,
        "'" + fileName + "' looks binary, not text (NUL bytes or control characters). "
            + "Check the file extension, or convert the file to text first.");
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** UTF-16 without a BOM: ASCII-heavy text has a zero in (almost) every other byte. */
  private static Charset bomLessUtf16(byte[] bytes) {
    int pairs = Math.min(bytes.length, 4096) / 2;
    if (pairs < 2 || bytes.length % 2 != 0) {
      return null;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (int i = 0; i < pairs * 2; i += 2) {
      if (bytes[i] == 0) {
        zeroEven++;
      }
      if (bytes[i + 1] == 0) {
        zeroOdd++;
      }
    }
    if (zeroOdd >= pairs * 0.6 && zeroEven == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (zeroEven >= pairs * 0.6 && zeroOdd == 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String decodeStrict(byte[] bytes, Charset charset) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String decodeLenient(byte[] bytes, int offset, Charset charset) {
    return new String(bytes, offset, bytes.length - offset, charset);
  }

  /** 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in windows-1252. */
  private static boolean usesUndefinedWindows1252Bytes(byte[] bytes) {
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksBinary(String text) {
    if (text.isEmpty()) {
      return false;
    }
    int control = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return true;
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f'
          && c != 0x1B) {
        control++;
      }
    }
    return control > text.length() * MAX_CONTROL_RATIO;
  }

  private static String normaliseLineEndings(String text) {
    if (text.indexOf('\r') < 0) {
      return text;
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
