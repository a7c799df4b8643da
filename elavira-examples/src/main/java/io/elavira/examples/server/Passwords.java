package io.elavira.examples.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Password hashing with bcrypt (at.favre.lib:bcrypt), cost {@link #COST}. Thread-safe.
 *
 * <p>bcrypt reads at most 72 bytes: longer passwords are refused at creation rather than silently
 * truncated.
 */
final class Passwords {
  /** bcrypt cost (2^12 rounds): about a quarter of a second per hash on a laptop core. */
  static final int COST = 12;

  /** Shortest password accepted for a new account. */
  static final int MIN_CHARS = 10;

  /** bcrypt's limit, in UTF-8 bytes. */
  static final int MAX_BYTES = 72;

  /** Compared against when the user is unknown, so that a login takes as long either way. */
  private final String decoy;

  Passwords() {
    this.decoy = hash("decoy password, never a real one");
  }

  String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** Whether {@code password} matches {@code hash}; null hash: checks a decoy and says no. */
  boolean matches(String password, @Nullable String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    boolean verified =
        BCrypt.verifyer().verify(password.toCharArray(), hash == null ? decoy : hash).verified;
    return hash != null && verified;
  }

  /**
   * Checks a new password.
   *
   * @throws ApiException 400 when it is too short or too long
   */
  static void checkNew(String password) {
    if (password.length() < MIN_CHARS
        || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiException.badRequest(
          "invalid_argument",
          "A password has at least "
              + MIN_CHARS
              + " characters and at most "
              + MAX_BYTES
              + " bytes in UTF-8.");
    }
  }
}
