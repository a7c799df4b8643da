package io.elavira.examples.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.elavira.store.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues and checks the server's tokens with Auth0's java-jwt (HMAC-SHA256): short-lived access
 * tokens, checked on every request (signature, issuer, audience, type, expiry, and not revoked by a
 * logout), and longer refresh tokens, each usable once (the store records them), that buy a new
 * pair. Thread-safe.
 */
final class Tokens {
  static final String ISSUER = "elavira";
  static final String AUDIENCE = "elavira-api";
  private static final String TYPE = "typ";
  private static final String ROLE = "role";
  private static final String ACCESS = "access";
  private static final String REFRESH = "refresh";

  /** A pair handed out by login and refresh. */
  record Pair(String accessToken, String refreshToken, long expiresIn) {}

  /** A verified refresh token. */
  record Refresh(String userId, String role, String tokenId) {}

  private final Algorithm algorithm;
  private final Clock clock;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final AccountStore accounts;
  private final JWTVerifier accessVerifier;
  private final JWTVerifier refreshVerifier;

  Tokens(byte[] key, Clock clock, Duration accessTtl, Duration refreshTtl, AccountStore accounts) {
    this.algorithm = Algorithm.HMAC256(key);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.accounts = accounts;
    this.accessVerifier = verifier(ACCESS);
    this.refreshVerifier = verifier(REFRESH);
  }

  private JWTVerifier verifier(String type) {
    return ((JWTVerifier.BaseVerification)
            JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaim(TYPE, type)
                .withClaimPresence(ROLE)
                .acceptLeeway(0))
        .build(clock);
  }

  /** A new access token and refresh token for the user; the refresh token is recorded. */
  Pair issue(String userId, String role) {
    Instant now = clock.instant();
    String refreshId = UUID.randomUUID().toString();
    Instant refreshExpiry = now.plus(refreshTtl);
    accounts.addRefreshToken(refreshId, userId, refreshExpiry);
    String access =
        sign(userId, role, ACCESS, UUID.randomUUID().toString(), now, now.plus(accessTtl));
    String refresh = sign(userId, role, REFRESH, refreshId, now, refreshExpiry);
    return new Pair(access, refresh, accessTtl.toSeconds());
  }

  private String sign(
      String userId, String role, String type, String id, Instant now, Instant expiry) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withSubject(userId)
        .withClaim(ROLE, role)
        .withClaim(TYPE, type)
        .withJWTId(id)
        .withIssuedAt(now)
        .withExpiresAt(expiry)
        .sign(algorithm);
  }

  /**
   * The principal of a valid access token.
   *
   * @throws ApiException 401 when the token is malformed, tampered, expired, of another type or
   *     revoked
   */
  Principal verifyAccess(String token) {
    DecodedJWT jwt = decode(accessVerifier, token, "access");
    if (accounts.isRevoked(jwt.getId())) {
      throw ApiException.unauthorized("The access token was revoked (logged out): log in again.");
    }
    return new Principal(
        jwt.getSubject(), jwt.getClaim(ROLE).asString(), jwt.getId(), jwt.getExpiresAtAsInstant());
  }

  /**
   * A valid, signed refresh token (whether it is still unused is the store's to say).
   *
   * @throws ApiException 401 when the token is malformed, tampered, expired or of another type
   */
  Refresh verifyRefresh(String token) {
    DecodedJWT jwt = decode(refreshVerifier, token, "refresh");
    return new Refresh(jwt.getSubject(), jwt.getClaim(ROLE).asString(), jwt.getId());
  }

  private static DecodedJWT decode(JWTVerifier verifier, String token, String kind) {
    try {
      DecodedJWT jwt = verifier.verify(token);
      if (jwt.getSubject() == null || jwt.getId() == null || jwt.getExpiresAt() == null) {
        throw ApiException.unauthorized("The " + kind + " token lacks a subject, id or expiry.");
      }
      return jwt;
    } catch (TokenExpiredException e) {
      throw ApiException.unauthorized(
          "The " + kind + " token expired: " + (kind.equals("access") ? "refresh it." : "log in."));
    } catch (JWTVerificationException e) {
      // The library's message may quote claims; the client learns only that the token is invalid.
      throw ApiException.unauthorized("The " + kind + " token is invalid.");
    }
  }

  /** Now, on the server's clock. */
  Instant now() {
    return clock.instant();
  }
}
