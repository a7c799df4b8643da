package io.elavira.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Not API. SHA-256 of a text's UTF-8 bytes, as lower-case hex: the content hash of documents and
 * chunks (the key of the embedding cache) and the checksum of migrations. Stateless and
 * thread-safe.
 */
public final class ContentHash {
  private ContentHash() {}

  /** The lower-case hex SHA-256 of {@code text} encoded as UTF-8. */
  public static String of(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
