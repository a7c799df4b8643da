package io.elavira.generate;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a letter layout, for exporters that lay a letter out (sender block, recipient, date,
 * subject, body, signature) rather than print its Markdown.
 *
 * @param sender the sender's lines: name, then contact lines
 * @param recipient who it is addressed to, or null
 * @param date the date line as written in the letter's language ("Lyon, le 30 novembre 2026")
 * @param subject the subject, without its "Objet :" or "Subject:" label
 * @param body the body in Markdown, from the salutation to the closing formula
 * @param signature the name signed under it
 */
public record Letter(
    List<String> sender,
    @Nullable String recipient,
    String date,
    String subject,
    String body,
    String signature) {
  /** Validates and copies. */
  public Letter {
    sender = List.copyOf(sender);
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(signature, "signature");
  }

  /** Does not print the text. */
  @Override
  public String toString() {
    return "Letter[bodyChars=" + body.length() + "]";
  }
}
