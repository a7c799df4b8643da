package io.elavira.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Log-in accounts (user id, password hash, role) and the server-side state of their tokens: refresh
 * tokens, each usable once, and access tokens revoked before they expire. Hashing and token formats
 * are the caller's: this store keeps opaque strings.
 *
 * <p>Thread-safe; every method is one transaction, so several processes sharing a home see one
 * state (a refresh token used by one process is used for all).
 */
public interface AccountStore {

  /**
   * Creates an account, or gives a password to a user the SDK created on first use (without one).
   *
   * @return true when created; false when the user already has a password (nothing changes)
   * @throws IllegalArgumentException when an argument is blank
   */
  boolean create(String userId, String passwordHash, String role);

  /** The account of {@code userId}, or empty when the user is unknown or has no password. */
  Optional<Account> find(String userId);

  /** Every account, by user id. */
  List<Account> list();

  /** Whether some account has {@code role}. */
  boolean anyWithRole(String role);

  /**
   * Replaces the password hash of an existing account and revokes every unused refresh token of the
   * user, in one transaction, recording {@code account.password} in the audit log. Access tokens
   * already issued are not known to the store: they stay valid until they expire (or are revoked).
   *
   * @return true when changed; false when the user has no account (nothing changes)
   * @throws IllegalArgumentException when an argument is blank
   */
  boolean changePassword(String userId, String passwordHash);

  /** Records a new refresh token id of {@code userId}, usable until {@code expiresAt}. */
  void addRefreshToken(String tokenId, String userId, Instant expiresAt);

  /**
   * Uses a refresh token: marks it used when it belongs to {@code userId}, is unused and not
   * expired at {@code now}. Expired and used tokens are purged on the way.
   *
   * @return true when the token was usable (and is now used); false otherwise
   */
  boolean useRefreshToken(String tokenId, String userId, Instant now);

  /**
   * Revokes an access token id until {@code expiresAt} (after which the token is refused anyway).
   * Idempotent.
   */
  void revokeAccessToken(String tokenId, Instant expiresAt);

  /** Whether the access token id was revoked. */
  boolean isRevoked(String tokenId);
}
