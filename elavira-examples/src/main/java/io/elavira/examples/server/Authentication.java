package io.elavira.examples.server;

import io.elavira.store.Account;
import io.elavira.store.AccountStore;
import io.elavira.store.AuditLog;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log in, refresh, log out and create accounts. A failed login says only "wrong user name or
 * password", whichever was wrong, and takes as long either way. Thread-safe.
 */
final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  /** The account created on the first start. */
  static final String ADMIN_USER = "admin";

  /** The variable holding the first admin password; unset, a random one is printed once. */
  static final String ADMIN_PASSWORD_ENV = "ELAVIRA_ADMIN_PASSWORD";

  /** User names: letters, digits and {@code . _ @ -}, 1 to 64 characters. */
  static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private static final int GENERATED_PASSWORD_BYTES = 18;

  private final AccountStore accounts;
  private final Passwords passwords;
  private final Tokens tokens;
  private final AuditLog audit;

  Authentication(AccountStore accounts, Passwords passwords, Tokens tokens, AuditLog audit) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.tokens = tokens;
    this.audit = audit;
  }

  /**
   * Creates the {@code admin} account when the home has no admin yet: with {@code password}, or
   * with a random one printed once on {@code notices} (never logged). When several servers start at
   * once on one home, one creates it and prints.
   */
  void createFirstAdmin(@Nullable String password, PrintWriter notices, SecureRandom random) {
    if (accounts.anyWithRole(Principal.ADMIN)) {
      return;
    }
    String chosen = password;
    if (chosen == null || chosen.isEmpty()) {
      byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
      random.nextBytes(bytes);
      chosen = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } else {
      Passwords.checkNew(chosen);
    }
    if (accounts.create(ADMIN_USER, passwords.hash(chosen), Principal.ADMIN)) {
      LOG.info("Created the account {} (first start of a server on this home)", ADMIN_USER);
      if (password == null || password.isEmpty()) {
        notices.println(
            "Created the user '"
                + ADMIN_USER
                + "' with the one-time password "
                + chosen
                + " (shown only now; set "
                + ADMIN_PASSWORD_ENV
                + " before the first start to choose it).");
        notices.flush();
      }
    }
  }

  /**
   * Checks the credentials and issues a token pair.
   *
   * @throws ApiException 401 when the user is unknown or the password wrong
   */
  Tokens.Pair login(String userName, String password) {
    Optional<Account> account =
        USER_NAME.matcher(userName).matches() ? accounts.find(userName) : Optional.empty();
    boolean ok = passwords.matches(password, account.map(Account::passwordHash).orElse(null));
    if (!ok || account.isEmpty()) {
      LOG.info("Failed login");
      throw ApiException.unauthorized("Wrong user name or password.");
    }
    return tokens.issue(account.get().userId(), account.get().role());
  }

  /**
   * Exchanges a refresh token, once, for a new pair.
   *
   * @throws ApiException 401 when the token is invalid, expired or already used
   */
  Tokens.Pair refresh(String refreshToken) {
    Tokens.Refresh refresh = tokens.verifyRefresh(refreshToken);
    if (!accounts.useRefreshToken(refresh.tokenId(), refresh.userId(), tokens.now())) {
      throw ApiException.unauthorized("The refresh token was already used or revoked: log in.");
    }
    Account account =
        accounts
            .find(refresh.userId())
            .orElseThrow(() -> ApiException.unauthorized("The account no longer exists."));
    return tokens.issue(account.userId(), account.role());
  }

  /** Revokes the access token of the request and, when given and the user's, a refresh token. */
  void logout(Principal principal, @Nullable String refreshToken) {
    accounts.revokeAccessToken(principal.tokenId(), principal.expiresAt());
    if (refreshToken != null) {
      Tokens.Refresh refresh = tokens.verifyRefresh(refreshToken);
      if (refresh.userId().equals(principal.userId())) {
        accounts.useRefreshToken(refresh.tokenId(), refresh.userId(), tokens.now());
      }
    }
  }

  /**
   * Changes the caller's password: checks the current one (bcrypt, as a login does), hashes the new
   * one (cost {@link Passwords#COST}), revokes every refresh token of the user and the access token
   * of the request, and returns a new pair for the caller's session. Other sessions of the user end
   * at their next refresh (their access tokens live out their short lifetime). Recorded in the
   * audit log ({@code account.password}, or {@code account.password.refused} for a wrong current
   * password), never with a password.
   *
   * @throws ApiException 400 when the new password is too short or too long, the same as the
   *     current one, or the current one is wrong; 401 when the account no longer exists
   */
  Tokens.Pair changePassword(Principal principal, String currentPassword, String newPassword) {
    Passwords.checkNew(newPassword);
    if (newPassword.equals(currentPassword)) {
      throw ApiException.badRequest(
          "invalid_argument", "The new password must differ from the current one.");
    }
    Account account =
        accounts
            .find(principal.userId())
            .orElseThrow(() -> ApiException.unauthorized("The account no longer exists."));
    if (!passwords.matches(currentPassword, account.passwordHash())) {
      audit.record("account.password.refused", principal.userId(), null, "wrong current password");
      throw ApiException.badRequest("invalid_argument", "The current password is wrong.");
    }
    if (!accounts.changePassword(account.userId(), passwords.hash(newPassword))) {
      throw ApiException.unauthorized("The account no longer exists.");
    }
    accounts.revokeAccessToken(principal.tokenId(), principal.expiresAt());
    LOG.info("Password changed for an account");
    return tokens.issue(account.userId(), account.role());
  }

  /**
   * Creates an account.
   *
   * @throws ApiException 400 on a bad name, password or role; 409 when the account exists
   */
  void createAccount(String userName, String password, String role) {
    if (!USER_NAME.matcher(userName).matches()) {
      throw ApiException.badRequest(
          "invalid_argument", "A user name has 1 to 64 letters, digits or . _ @ - characters.");
    }
    if (!role.equals(Principal.ADMIN) && !role.equals(Principal.USER)) {
      throw ApiException.badRequest("invalid_argument", "A role is admin or user.");
    }
    Passwords.checkNew(password);
    if (!accounts.create(userName, passwords.hash(password), role)) {
      throw new ApiException(409, ApiException.CONFLICT, "The user " + userName + " exists.");
    }
  }
}
