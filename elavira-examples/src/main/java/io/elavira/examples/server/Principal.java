package io.elavira.examples.server;

import java.time.Instant;

/**
 * Who sends a request, as its verified access token says.
 *
 * @param userId the user id, also the SDK's userId for asking and owning documents
 * @param role {@link #ADMIN} or {@link #USER}
 * @param tokenId the access token's id (revoked on logout)
 * @param expiresAt when the access token expires
 */
record Principal(String userId, String role, String tokenId, Instant expiresAt) {
  static final String ADMIN = "admin";
  static final String USER = "user";

  boolean isAdmin() {
    return ADMIN.equals(role);
  }
}
