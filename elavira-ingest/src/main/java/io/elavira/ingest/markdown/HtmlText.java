package io.elavira.ingest.markdown;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of a raw HTML block in Markdown: comments, scripts and styles dropped, tags
 * removed, common and numeric character references decoded, blank lines removed. Not an HTML
 * parser: HTML blocks in Markdown are small wrappers ({@code <div align="center">}, {@code
 * <details>}), and their text is all a search needs. Stateless.
 */
final class HtmlText {
  private static final Pattern INVISIBLE =
      Pattern.compile(
          "<!--.*?(?:-->|\\z)|<(script|style)\\b.*?(?:</\\1\\s*>|\\z)",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG =
      Pattern.compile("</?[A-Za-z][^>]*+>|<![^>]*+>|<\\?.*?\\?>", Pattern.DOTALL);
  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));");
  private static final Map<String, String> NAMED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00A0");

  private HtmlText() {}

  static String of(String html) {
    String text = TAG.matcher(INVISIBLE.matcher(html).replaceAll("")).replaceAll("");
    StringBuilder out = new StringBuilder(text.length());
    for (String line : decode(text).split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(stripped);
      }
    }
    return out.toString();
  }

  private static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String replacement;
      if (matcher.group(3) != null) {
        replacement = NAMED.get(matcher.group(3));
      } else {
        int codePoint =
            matcher.group(1) != null
                ? Integer.parseInt(matcher.group(1))
                : Integer.parseInt(matcher.group(2), 16);
        replacement =
            Character.isValidCodePoint(codePoint) && codePoint != 0
                ? new String(Character.toChars(codePoint))
                : "\uFFFD";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
