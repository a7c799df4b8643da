package io.elavira.generate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to generate: the inputs a template declares.
 *
 * <pre>{@code
 * GenerationRequest.of(DocumentKind.COVER_LETTER, "fr", jobOffer)
 *     .withRecipient("Mme Claire Dubois")
 *     .withTone("chaleureux")
 *     .withLength(Length.SHORT);
 * }</pre>
 *
 * @param kind what to write
 * @param language "fr" or "en": the language of the whole document
 * @param jobOffer the job offer's text (the CLI reads it from a file)
 * @param recipient who the document is addressed to, or null
 * @param tone the tone asked of the model ("formal", "chaleureux"...), or null for a professional
 *     one
 * @param length how long it should be
 * @param template the name of the template to use, or null for the one of the kind and language
 */
public record GenerationRequest(
    DocumentKind kind,
    String language,
    String jobOffer,
    @Nullable String recipient,
    @Nullable String tone,
    Length length,
    @Nullable String template) {
  /** The most characters of job offer read. */
  public static final int MAX_JOB_OFFER_CHARS = 20_000;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the language is not fr or en, the job offer is blank or
   *     longer than {@link #MAX_JOB_OFFER_CHARS}, or the recipient, tone or template is blank
   */
  public GenerationRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(jobOffer, "jobOffer");
    Objects.requireNonNull(length, "length");
    if (!language.equals("fr") && !language.equals("en")) {
      throw new IllegalArgumentException("language must be fr or en, got '" + language + "'");
    }
    if (jobOffer.isBlank()) {
      throw new IllegalArgumentException("the job offer is empty; give its text");
    }
    if (jobOffer.length() > MAX_JOB_OFFER_CHARS) {
      throw new IllegalArgumentException(
          "the job offer has "
              + jobOffer.length()
              + " characters, more than "
              + MAX_JOB_OFFER_CHARS
              + "; give its essential part");
    }
    requireNotBlank(recipient, "recipient");
    requireNotBlank(tone, "tone");
    requireNotBlank(template, "template");
  }

  /**
   * A request with no recipient, the default tone, {@link Length#MEDIUM} and the usual template.
   */
  public static GenerationRequest of(DocumentKind kind, String language, String jobOffer) {
    return new GenerationRequest(kind, language, jobOffer, null, null, Length.MEDIUM, null);
  }

  /** This request addressed to {@code recipient}. */
  public GenerationRequest withRecipient(String recipient) {
    return new GenerationRequest(kind, language, jobOffer, recipient, tone, length, template);
  }

  /** This request with a tone. */
  public GenerationRequest withTone(String tone) {
    return new GenerationRequest(kind, language, jobOffer, recipient, tone, length, template);
  }

  /** This request with a length. */
  public GenerationRequest withLength(Length length) {
    return new GenerationRequest(kind, language, jobOffer, recipient, tone, length, template);
  }

  /** This request with a named template. */
  public GenerationRequest withTemplate(String template) {
    return new GenerationRequest(kind, language, jobOffer, recipient, tone, length, template);
  }

  private static void requireNotBlank(@Nullable String value, String name) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank when given");
    }
  }

  /** Does not print the job offer or the recipient. */
  @Override
  public String toString() {
    return "GenerationRequest["
        + kind.id()
        + ", "
        + language
        + ", jobOfferChars="
        + jobOffer.length()
        + ", length="
        + length
        + (template == null ? "" : ", template=" + template)
        + "]";
  }
}
