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
import org.jspecify.annotations.Nullable;

/**
 * Decodes the bytes of a text-like file (plain text, Markdown...) with encoding detection.
 *
 * <p>Order: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins; then BOM-less UTF-16 recognised by
 * its pattern of zero bytes; then strict UTF-8; then, for text that is mostly UTF-8 with some
 * windows-1252 bytes (a file edited with two tools, a pasted paragraph), each valid UTF-8 sequence
 * as UTF-8 and each other byte as windows-1252, reported as {@value #MIXED}; then windows-1252 (a
 * superset of ISO-8859-1 for printable text), or ISO-8859-1 when the bytes use code points
 * windows-1252 leaves undefined. Content with NUL bytes or many control characters is refused as
 * binary.
 *
 * <p>Stateless and thread-safe; {@link #decode} never closes the stream.
 */
public final class TextDecoder {
  /**
   * Control characters (other than tab, line feed, carriage return, form feed, escape) above this
   * share of all characters mean the content is binary.
   */
  private static final double MAX_CONTROL_RATIO = 0.05;

  /** The encoding reported for UTF-8 text with stray windows-1252 bytes. */
  public static final String MIXED = "UTF-8+windows-1252";

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
      throw new IngestException(
          fileName,
          Reason.UNREADABLE,
          "Could not read '"
              + fileName
              + "': "
              + e.getMessage()
              + ". Check that the file exists and is readable.",
          e);
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
      } else if (mostlyUtf8(bytes)) {
        String mixed = decodeMixed(bytes);
        if (looksBinary(mixed)) {
          throw binary(fileName);
        }
        return new DecodedText(normaliseLineEndings(mixed), MIXED);
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
    return new IngestException(
        fileName,
        Reason.CORRUPT,
        "'"
            + fileName
            + "' looks binary, not text (NUL bytes or control characters). "
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
  private static @Nullable Charset bomLessUtf16(byte[] bytes) {
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

  private static @Nullable String decodeStrict(byte[] bytes, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The length of the valid UTF-8 sequence of two to four bytes at {@code i}, or 0 (overlong forms,
   * surrogates and code points above U+10FFFF are not valid).
   */
  private static int utf8SequenceAt(byte[] bytes, int i) {
    int lead = bytes[i] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    if (i + length > bytes.length) {
      return 0;
    }
    for (int k = 1; k < length; k++) {
      int b = bytes[i + k] & 0xFF;
      if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) {
        return 0;
      }
    }
    return length;
  }

  /** Whether valid multi-byte UTF-8 sequences are at least as many as the stray high bytes. */
  private static boolean mostlyUtf8(byte[] bytes) {
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < bytes.length; ) {
      if (bytes[i] >= 0) {
        i++;
        continue;
      }
      int length = utf8SequenceAt(bytes, i);
      if (length > 0) {
        valid++;
        i += length;
      } else {
        invalid++;
        i++;
      }
    }
    return valid > 0 && valid >= invalid;
  }

  /** Valid UTF-8 sequences as UTF-8, every other byte as windows-1252 (ISO-8859-1 if undefined). */
  private static String decodeMixed(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (int i = 0; i < bytes.length; ) {
      if (bytes[i] >= 0) {
        out.append((char) bytes[i]);
        i++;
        continue;
      }
      int length = utf8SequenceAt(bytes, i);
      if (length > 0) {
        out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
        i += length;
      } else {
        int v = bytes[i] & 0xFF;
        boolean undefined = v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D;
        out.append(undefined ? (char) v : new String(bytes, i, 1, WINDOWS_1252).charAt(0));
        i++;
      }
    }
    return out.toString();
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
      if (Character.isISOControl(c)
          && c != '\t'
          && c != '\n'
          && c != '\r'
          && c != '\f'
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
