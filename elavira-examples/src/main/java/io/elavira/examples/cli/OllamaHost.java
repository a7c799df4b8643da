package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.util.Locale;

/**
 * Reads the {@code OLLAMA_HOST} environment variable the way the {@code ollama} command does, so
 * that a machine set up for Ollama works with Elavira unchanged.
 *
 * <p>Accepted forms: {@code host}, {@code host:port}, {@code [ipv6]:port}, or a URL {@code
 * http(s)://host[:port][/path]}. Surrounding spaces and quotes are ignored. Without a scheme the
 * scheme is {@code http} and the default port {@value #DEFAULT_PORT}; with {@code http://} or
 * {@code https://} the default port is 80 or 443, as in a URL. An empty host means {@code
 * 127.0.0.1}.
 */
final class OllamaHost {

  /** The environment variable Ollama reads. */
  static final String ENV = "OLLAMA_HOST";

  /** Ollama's port when {@code OLLAMA_HOST} has no scheme and no port. */
  static final int DEFAULT_PORT = 11434;

  /** The host when {@code OLLAMA_HOST} names none. */
  static final String DEFAULT_HOST = "127.0.0.1";

  private OllamaHost() {}

  /**
   * The base URL named by an {@code OLLAMA_HOST} value.
   *
   * @param value the variable's value
   * @return an http(s) URL with a host and a port, and the path if one was given
   * @throws ElaviraException when the scheme is not http(s) or the port is not a number in
   *     0..65535; the message quotes the value and says what to do
   */
  static String toUrl(String value) {
    String raw = strip(value.strip()).strip();
    String scheme = "http";
    String defaultPort = String.valueOf(DEFAULT_PORT);
    String rest = raw;
    int separator = raw.indexOf("://");
    if (separator >= 0) {
      scheme = raw.substring(0, separator).toLowerCase(Locale.ROOT);
      rest = raw.substring(separator + 3);
      if (scheme.equals("http")) {
        defaultPort = "80";
      } else if (scheme.equals("https")) {
        defaultPort = "443";
      } else {
        throw invalid(value, "the scheme must be http or https");
      }
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash).replaceAll("/+$", "");
      rest = rest.substring(0, slash);
    }
    String host;
    String port;
    int colon = rest.lastIndexOf(':');
    boolean bracketed = rest.startsWith("[");
    if (bracketed && rest.indexOf(']') > 0 && colon > rest.indexOf(']')) {
      host = rest.substring(1, rest.indexOf(']'));
      port = rest.substring(colon + 1);
    } else if (!bracketed && colon >= 0 && rest.indexOf(':') == colon) {
      host = rest.substring(0, colon);
      port = rest.substring(colon + 1);
    } else {
      // No port: a host name, an IPv4 address, or an IPv6 address with or without brackets.
      host = bracketed ? rest.substring(1, Math.max(1, rest.length() - 1)) : rest;
      port = defaultPort;
    }
    if (host.isEmpty()) {
      host = DEFAULT_HOST;
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw invalid(value, "the port '" + port + "' is not a number");
    }
    if (number < 0 || number > 65535) {
      throw invalid(value, "the port " + number + " is not in 0..65535");
    }
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + shownHost + ":" + number + path;
  }

  private static String strip(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isQuote(value.charAt(start))) {
      start++;
    }
    while (end > start && isQuote(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static ElaviraException invalid(String value, String why) {
    return new ElaviraException(
        ENV
            + "='"
            + value.replaceAll("//[^/?#]*@", "//***@")
            + "' is not a host, host:port or http(s) URL ("
            + why
            + "): fix it, or pass --llm-url URL.");
  }
}
