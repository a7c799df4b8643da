package io.elavira.ingest.export;

import java.util.Objects;

/**
 * The parts of a letter around its body, each plain text (never Markdown): exporters place the
 * sender at the top left, the recipient on the right, then the place and date, the subject in bold,
 * the body, and the signature. Line breaks inside a part are kept. The subject is written as given:
 * put the label the letter needs in it ({@code "Objet : Candidature…"}).
 *
 * @param sender the sender's block (name, address, phone, email), one item a line
 * @param recipient the recipient's block (name, company, address), one item a line
 * @param placeAndDate the place and date line, e.g. {@code "Lyon, le 30 novembre 2026"}
 * @param subject the subject line, e.g. {@code "Objet : Candidature au poste de…"}
 * @param signature the signature block (usually the sender's name)
 */
public record LetterLayout(
    String sender, String recipient, String placeAndDate, String subject, String signature) {

  /**
   * Validates: every part is given and not blank.
   *
   * @throws IllegalArgumentException when a part is blank
   */
  public LetterLayout {
    sender = require(sender, "sender");
    recipient = require(recipient, "recipient");
    placeAndDate = require(placeAndDate, "placeAndDate");
    subject = require(subject, "subject");
    signature = require(signature, "signature");
  }

  private static String require(String value, String name) {
    Objects.requireNonNull(value, name);
    String normalised = value.replace("\r\n", "\n").replace('\r', '\n').strip();
    if (normalised.isEmpty()) {
      throw new IllegalArgumentException("the letter's " + name + " is blank");
    }
    return normalised;
  }
}
