package io.elavira.ingest.export;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document ready to export: its title, its language, an optional {@link LetterLayout}, and its
 * body in Markdown (CommonMark with GitHub pipe tables). Headings, paragraphs, bullet and numbered
 * lists, bold, italic, code, block quotes and tables in the body become their equivalents in each
 * format; raw HTML in the body is kept as text, and images are replaced by their description.
 *
 * <pre>{@code
 * ExportDocument letter = ExportDocument.builder()
 *     .title("Lettre de motivation")
 *     .language(DocumentLanguage.FR)
 *     .letter(new LetterLayout(sender, recipient, "Lyon, le 30 novembre 2026", subject, "Camille"))
 *     .body("Madame,\n\nVotre annonce…")
 *     .build();
 * DocumentExporters.export(letter, Path.of("lettre.pdf"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no text of the document.
 */
public final class ExportDocument {
  private final String title;
  private final DocumentLanguage language;
  private final @Nullable LetterLayout letter;
  private final String body;

  private ExportDocument(Builder builder) {
    this.title = Objects.requireNonNull(builder.title);
    this.language = Objects.requireNonNull(builder.language);
    this.letter = builder.letter;
    this.body = Objects.requireNonNull(builder.body);
  }

  /** A new builder; title, language and body are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The title, recorded in the file's properties (not printed in the body). */
  public String title() {
    return title;
  }

  /** The language, recorded in the file. */
  public DocumentLanguage language() {
    return language;
  }

  /** The letter layout, empty for a document that is not a letter. */
  public Optional<LetterLayout> letter() {
    return Optional.ofNullable(letter);
  }

  /** The body, Markdown, line breaks normalised to {@code \n}. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return "ExportDocument[language="
        + language.code()
        + ", letter="
        + (letter != null)
        + ", bodyChars="
        + body.length()
        + "]";
  }

  /** Builds an {@link ExportDocument}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable DocumentLanguage language;
    private @Nullable LetterLayout letter;
    private @Nullable String body;

    private Builder() {}

    /**
     * The title; runs of white space, line breaks included, become one space.
     *
     * @param title not blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     * @throws IllegalStateException when already set
     */
    public Builder title(String title) {
      Objects.requireNonNull(title, "title");
      requireUnset(this.title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("title is blank");
      }
      // One line: it goes into YAML front matter and document properties.
      this.title = title.strip().replaceAll("\\s+", " ");
      return this;
    }

    /**
     * The language.
     *
     * @param language French or English
     * @return this builder
     * @throws IllegalStateException when already set
     */
    public Builder language(DocumentLanguage language) {
      Objects.requireNonNull(language, "language");
      requireUnset(this.language, "language");
      this.language = language;
      return this;
    }

    /**
     * The language from its code ({@code fr}, {@code en}) or tag.
     *
     * @param codeOrTag a code or tag
     * @return this builder
     * @throws IllegalArgumentException when it is neither French nor English
     * @throws IllegalStateException when already set
     */
    public Builder language(String codeOrTag) {
      return language(DocumentLanguage.of(codeOrTag));
    }

    /**
     * Lays the document out as a letter.
     *
     * @param letter the parts around the body
     * @return this builder
     * @throws IllegalStateException when already set
     */
    public Builder letter(LetterLayout letter) {
      Objects.requireNonNull(letter, "letter");
      requireUnset(this.letter, "letter");
      this.letter = letter;
      return this;
    }

    /**
     * The body in Markdown.
     *
     * @param markdown not blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     * @throws IllegalStateException when already set
     */
    public Builder body(String markdown) {
      Objects.requireNonNull(markdown, "markdown");
      requireUnset(this.body, "body");
      if (markdown.isBlank()) {
        throw new IllegalArgumentException("body is blank");
      }
      this.body = markdown.replace("\r\n", "\n").replace('\r', '\n');
      return this;
    }

    /**
     * Builds the document.
     *
     * @return the immutable document
     * @throws IllegalStateException when the title, the language or the body is missing
     */
    public ExportDocument build() {
      if (title == null || language == null || body == null) {
        throw new IllegalStateException(
            "an export needs a title, a language and a body; missing:"
                + (title == null ? " title" : "")
                + (language == null ? " language" : "")
                + (body == null ? " body" : ""));
      }
      return new ExportDocument(this);
    }

    private static void requireUnset(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
