package io.elavira.examples.server;

import io.elavira.ElaviraException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HMAC key that signs the server's tokens: generated once per home and kept in {@code
 * server/jwt-signing.key} there, readable by its owner only, so that every server on the home
 * accepts the others' tokens and no key sits in the repository or the configuration.
 */
final class SigningKey {
  /** The key file, relative to the home. */
  static final String FILE = "server/jwt-signing.key";

  /** 512 bits: HMAC-SHA256 wants at least 256. */
  private static final int KEY_BYTES = 64;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private SigningKey() {}

  /**
   * Reads the home's key, creating it when absent. Two servers starting at once on one home end
   * with the same key: the file appears whole (written aside, then linked in place, which fails
   * when another process linked first).
   *
   * @throws ElaviraException when the key cannot be read or written
   */
  static byte[] loadOrCreate(Path home, SecureRandom random) {
    Path file = home.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(file, random);
      }
      byte[] key =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (key.length < 32) {
        throw new ElaviraException(
            "The token signing key "
                + file
                + " is shorter than 256 bits: delete it to make a new one"
                + " (every session will have to log in again).");
      }
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new ElaviraException(
          "Cannot read or create the token signing key "
              + file
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  private static void create(Path file, SecureRandom random) throws IOException {
    Path dir = file.getParent();
    if (dir == null) {
      throw new IllegalStateException("The key file " + file + " has no folder");
    }
    boolean posix =
        Files.getFileStore(Files.createDirectories(home(dir))).supportsFileAttributeView("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(dir);
      }
    }
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    Path aside =
        posix
            ? Files.createTempFile(
                dir, "jwt-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, "jwt-", ".tmp");
    try {
      Files.writeString(aside, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, aside);
      } catch (FileAlreadyExistsException another) {
        // Another server on this home created it first: use theirs.
      }
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  private static Path home(Path dir) {
    Path parent = dir.getParent();
    return parent == null ? dir : parent;
  }
}
