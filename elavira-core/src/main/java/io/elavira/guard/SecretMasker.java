package io.elavira.guard;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks secrets and personal data in text bound for a log, an exception message, an audit entry or
 * a {@code toString()}: the one masker of Elavira (the providers of elavira-llm use it too).
 *
 * <p>Masked: passwords and user names written in URLs ({@code https://user:pw@host} → {@code
 * https://***@host}); bearer and basic credentials; provider keys ({@code sk-…}, {@code pk-…},
 * {@code key-…}, {@code sess-…}, GitHub, AWS, Google, Slack tokens) and JSON web tokens; values of
 * {@code api_key=}, {@code token=}, {@code password=}, {@code mot de passe :}... in queries,
 * headers and configuration text; e-mail addresses (the domain is kept); phone numbers written in
 * the international form ({@code +33 6 12 34 56 78}) or the French one ({@code 06 12 34 56 78}).
 *
 * <p>Pattern-based: a secret in an unknown shape is not found; prefer never putting secrets in
 * messages. Stateless and thread-safe.
 */
public final class SecretMasker {
  /** What a masked value is replaced with. */
  public static final String MASK = "****";

  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES =
      List.of(
          // Credentials in a URL: scheme://user:password@host.
          new Rule(Pattern.compile("//[^/?#\\s@]*@"), "//***@"),
          // Authorization header values.
          new Rule(
              Pattern.compile(
                  "(?i)\\b(bearer|authorization:\\s*basic)(\\s+)[A-Za-z0-9._~+/=\\-]{8,}"),
              "$1$2" + MASK),
          // JSON web tokens.
          new Rule(
              Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*"),
              MASK),
          // Provider keys with a known prefix.
          new Rule(Pattern.compile("\\b(sk|pk|key|sess|rk)-[A-Za-z0-9_*.\\-]{6,}"), "$1-" + MASK),
          new Rule(
              Pattern.compile("\\b(gh[pousr]|github_pat|xox[abprs])_?-?[A-Za-z0-9_\\-]{10,}"),
              "$1_" + MASK),
          new Rule(Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"), "AKIA" + MASK),
          new Rule(Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{30,}"), "AIza" + MASK),
          // name=value and name: value secrets (query strings, headers, config, prose).
          new Rule(
              Pattern.compile(
                  "(?i)\\b(api[_-]?key|apikey|x-api-key|access[_-]?token|refresh[_-]?token"
                      + "|auth[_-]?token|client[_-]?secret|secret|token|password|passwd|pwd"
                      + "|mot de passe|mdp)(\"?\\s*[:=]\\s*\"?)([^\\s\"'&,;]{2,})"),
              "$1$2" + MASK),
          // E-mail addresses: the local part goes, the domain stays (it tells the provider).
          new Rule(
              Pattern.compile(
                  "(?<![\\w.+\\-])[\\w.+\\-]+@([A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+)"),
              "***@$1"),
          // Phone numbers: international (+33 6 12 34 56 78) and French (06 12 34 56 78).
          new Rule(
              Pattern.compile(
                  "(?<![\\w+])\\+\\d{1,3}[\\s.\\-]?(?:\\(0\\)[\\s.\\-]?)?\\d{1,4}(?:[\\s.\\-]?\\d{2,4}){2,4}(?!\\w)"),
              "+** ** ** ** **"),
          new Rule(
              Pattern.compile("(?<![\\w.+\\-])0[1-9](?:[\\s.\\-]?\\d{2}){4}(?![\\w\\-])"),
              "0* ** ** ** **"));

  private SecretMasker() {}

  /**
   * {@code text} with its secrets and personal data masked.
   *
   * @return the masked text; null when {@code text} is null
   */
  public static @Nullable String maskNullable(@Nullable String text) {
    return text == null ? null : mask(text);
  }

  /** {@code text} with its secrets and personal data masked. */
  public static String mask(String text) {
    Objects.requireNonNull(text, "text");
    String masked = text;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(masked);
      if (m.find()) {
        masked = m.replaceAll(rule.replacement());
      }
    }
    return masked;
  }

  /**
   * {@code text} with {@code secret} itself (a key the caller holds) and everything {@link
   * #mask(String)} finds masked.
   */
  public static String mask(String text, String secret) {
    Objects.requireNonNull(secret, "secret");
    return mask(secret.isEmpty() ? text : text.replace(secret, MASK));
  }

  /** A URL as it may be shown: a user name and password written in it are masked. */
  public static String maskUrl(String url) {
    return mask(url);
  }
}
