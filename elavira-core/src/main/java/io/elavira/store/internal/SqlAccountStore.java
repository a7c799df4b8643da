package io.elavira.store.internal;

import io.elavira.store.Account;
import io.elavira.store.AccountStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Not API. {@link AccountStore} over the {@code users}, {@code refresh_tokens} and {@code
 * revoked_tokens} tables. Stateless over its {@link Database}: thread-safe as the database is.
 */
public final class SqlAccountStore implements AccountStore {
  private static final String SELECT =
      "SELECT id, password_hash, role, created_at FROM users WHERE password_hash IS NOT NULL";

  private static final RowMapper<Account> ACCOUNT =
      (rs, ctx) ->
          new Account(
              rs.getString(1),
              rs.getString(2),
              Objects.toString(rs.getString(3), "user"),
              Instant.ofEpochMilli(rs.getLong(4)));

  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlAccountStore(Database db) {
    this.db = db;
  }

  @Override
  public boolean create(String userId, String passwordHash, String role) {
    requireNotBlank(userId, "userId");
    requireNotBlank(passwordHash, "passwordHash");
    requireNotBlank(role, "role");
    return db.write(
        "creating the account of user " + userId,
        h -> {
          long now = db.clock().millis();
          h.createUpdate(
                  "INSERT INTO users (id, created_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
              .bind("id", userId)
              .bind("now", now)
              .execute();
          int changed =
              h.createUpdate(
                      "UPDATE users SET password_hash = :hash, role = :role"
                          + " WHERE id = :id AND password_hash IS NULL")
                  .bind("hash", passwordHash)
                  .bind("role", role)
                  .bind("id", userId)
                  .execute();
          if (changed > 0) {
            SqlAuditLog.insert(h, now, "account.create", userId, null, "role=" + role);
          }
          return changed > 0;
        });
  }

  @Override
  public boolean changePassword(String userId, String passwordHash) {
    requireNotBlank(userId, "userId");
    requireNotBlank(passwordHash, "passwordHash");
    return db.write(
        "changing the password of user " + userId,
        h -> {
          long now = db.clock().millis();
          int changed =
              h.createUpdate(
                      "UPDATE users SET password_hash = :hash"
                          + " WHERE id = :id AND password_hash IS NOT NULL")
                  .bind("hash", passwordHash)
                  .bind("id", userId)
                  .execute();
          if (changed == 0) {
            return false;
          }
          int revoked =
              h.createUpdate(
                      "UPDATE refresh_tokens SET used_at = :now"
                          + " WHERE user_id = :id AND used_at IS NULL")
                  .bind("now", now)
                  .bind("id", userId)
                  .execute();
          SqlAuditLog.insert(
              h, now, "account.password", userId, null, "refreshTokensRevoked=" + revoked);
          return true;
        });
  }

  @Override
  public Optional<Account> find(String userId) {
    Objects.requireNonNull(userId, "userId");
    return db.read(
        "reading the account of user " + userId,
        h -> h.createQuery(SELECT + " AND id = :id").bind("id", userId).map(ACCOUNT).findOne());
  }

  @Override
  public List<Account> list() {
    return db.read(
        "listing accounts", h -> h.createQuery(SELECT + " ORDER BY id").map(ACCOUNT).list());
  }

  @Override
  public boolean anyWithRole(String role) {
    Objects.requireNonNull(role, "role");
    return db.read(
        "looking for an account with role " + role,
        h ->
            h.createQuery(SELECT + " AND role = :role LIMIT 1")
                .bind("role", role)
                .map(ACCOUNT)
                .findOne()
                .isPresent());
  }

  @Override
  public void addRefreshToken(String tokenId, String userId, Instant expiresAt) {
    requireNotBlank(tokenId, "tokenId");
    requireNotBlank(userId, "userId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    db.write(
        "recording a refresh token of user " + userId,
        h ->
            h.createUpdate(
                    "INSERT INTO refresh_tokens (id, user_id, expires_at) VALUES (:id, :user, :exp)")
                .bind("id", tokenId)
                .bind("user", userId)
                .bind("exp", expiresAt.toEpochMilli())
                .execute());
  }

  @Override
  public boolean useRefreshToken(String tokenId, String userId, Instant now) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(userId, "userId");
    long millis = now.toEpochMilli();
    return db.write(
        "using a refresh token of user " + userId,
        h -> {
          int used =
              h.createUpdate(
                      "UPDATE refresh_tokens SET used_at = :now WHERE id = :id AND user_id = :user"
                          + " AND used_at IS NULL AND expires_at > :now")
                  .bind("now", millis)
                  .bind("id", tokenId)
                  .bind("user", userId)
                  .execute();
          h.createUpdate("DELETE FROM refresh_tokens WHERE expires_at <= :now")
              .bind("now", millis)
              .execute();
          h.createUpdate("DELETE FROM revoked_tokens WHERE expires_at <= :now")
              .bind("now", millis)
              .execute();
          return used > 0;
        });
  }

  @Override
  public void revokeAccessToken(String tokenId, Instant expiresAt) {
    requireNotBlank(tokenId, "tokenId");
    db.write(
        "revoking an access token",
        h ->
            h.createUpdate(
                    "INSERT INTO revoked_tokens (id, expires_at) VALUES (:id, :exp)"
                        + " ON CONFLICT DO NOTHING")
                .bind("id", tokenId)
                .bind("exp", expiresAt.toEpochMilli())
                .execute());
  }

  @Override
  public boolean isRevoked(String tokenId) {
    Objects.requireNonNull(tokenId, "tokenId");
    return db.read(
        "checking an access token",
        h ->
            h.createQuery("SELECT 1 FROM revoked_tokens WHERE id = :id")
                .bind("id", tokenId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  private static void requireNotBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
