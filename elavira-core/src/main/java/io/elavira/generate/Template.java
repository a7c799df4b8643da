package io.elavira.generate;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A document template: a Mustache body and a descriptor saying what it is, which inputs it takes
 * and which sections it has. Loaded by {@link Templates} from a {@code NAME.mustache} file and a
 * {@code NAME.json} descriptor next to it:
 *
 * <pre>{@code
 * {
 *   "kind": "cover-letter", "language": "fr", "layout": "letter",
 *   "inputs": ["job", "recipient", "tone", "language", "length"],
 *   "subject": "Candidature au poste de {{job_title}}",
 *   "salutation": "Madame, Monsieur,",
 *   "sections": [
 *     {"name": "opening", "instruction": "Say which job you apply for and why.",
 *      "facts": [], "draft": "Je vous adresse ma candidature au poste de {{job_title}}."},
 *     {"name": "experience", "instruction": "...", "facts": ["EXPERIENCE"], "draft": "..."}
 *   ]
 * }
 * }</pre>
 *
 * <p>Variables of the body and of the descriptor's texts: {@code name}, {@code headline}, {@code
 * email}, {@code phone}, {@code location}, {@code link}, {@code recipient}, {@code job_title},
 * {@code date}, {@code tone}, each section by its name, and the lists {@code experiences} ({@code
 * role}, {@code employer}, {@code dates}, {@code achievements}), {@code education} ({@code degree},
 * {@code school}, {@code dates}), {@code skills} ({@code name}), {@code languages} ({@code name},
 * {@code level}) and {@code projects} ({@code name}, {@code details}). Values are inserted as
 * written (no HTML escaping: the output is Markdown). Partials are not supported.
 *
 * @param name the template's name: its file name without extension
 * @param kind the kind of document it makes
 * @param language "fr" or "en"
 * @param letter true for a letter layout: the body is framed by the sender, recipient, date,
 *     subject and signature
 * @param inputs the inputs it takes, among {@link #KNOWN_INPUTS}
 * @param subject the subject line (Mustache), or null
 * @param salutation the greeting line (Mustache), or null
 * @param sections its sections, in order
 * @param body the Mustache body
 * @param origin where it was loaded from: "built-in" or a file path
 */
public record Template(
    String name,
    DocumentKind kind,
    String language,
    boolean letter,
    List<String> inputs,
    @Nullable String subject,
    @Nullable String salutation,
    List<TemplateSection> sections,
    String body,
    String origin) {
  /** The inputs a template may declare. */
  public static final Set<String> KNOWN_INPUTS =
      Set.of("job", "recipient", "tone", "language", "length");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the language is not fr or en, an input is unknown, there
   *     is no section, or two sections share a name
   */
  public Template {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(origin, "origin");
    inputs = List.copyOf(inputs);
    sections = List.copyOf(sections);
    if (!language.equals("fr") && !language.equals("en")) {
      throw new IllegalArgumentException(
          "template " + name + ": language must be fr or en, got '" + language + "'");
    }
    for (String input : inputs) {
      if (!KNOWN_INPUTS.contains(input)) {
        throw new IllegalArgumentException(
            "template " + name + ": unknown input '" + input + "'; known: " + KNOWN_INPUTS);
      }
    }
    if (sections.isEmpty()) {
      throw new IllegalArgumentException("template " + name + " declares no section");
    }
    if (sections.stream().map(TemplateSection::name).distinct().count() != sections.size()) {
      throw new IllegalArgumentException("template " + name + " declares a section twice");
    }
  }

  /** Does not print the body. */
  @Override
  public String toString() {
    return "Template[" + name + ", " + kind.id() + ", " + language + ", " + origin + "]";
  }
}
