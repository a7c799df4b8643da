package io.elavira.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user who can log in to a server on this home: a user id with a password hash and a role.
 *
 * <p>{@link #toString()} leaves the hash out, so that an account logged by mistake shows no
 * credential.
 *
 * @param userId the user id, the same id the SDK's {@code ask(userId, ...)} takes
 * @param passwordHash the password hash in the format of the hashing library (bcrypt's modular
 *     crypt format for the reference server)
 * @param role the role, e.g. "admin" or "user"
 * @param createdAt when the user row was created
 */
public record Account(String userId, String passwordHash, String role, Instant createdAt) {
  /** Validates. */
  public Account {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "Account[" + userId + ", role=" + role + ", createdAt=" + createdAt + "]";
  }
}
