package io.elavira.generate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One fact of a {@link Profile}, with the passage it was read from.
 *
 * @param id stable id: the same fact extracted again gets the same id, which is how a user's
 *     correction replaces it in later extractions
 * @param section the part of the profile it belongs to
 * @param text the fact as one readable line, e.g. "Développeuse Java — Banque Rhodanienne (2018 –
 *     2020)"
 * @param fields its parts by name ({@link #EMPLOYER}, {@link #ROLE}, {@link #START}...); only the
 *     names that apply are present
 * @param details the lines that go with it: an experience's achievements, a project's points
 * @param source where it was read, or null when the user added it
 * @param corrected true when the user wrote or changed it: kept over later extractions
 */
public record Fact(
    String id,
    ProfileSection section,
    String text,
    Map<String, String> fields,
    List<String> details,
    @Nullable FactSource source,
    boolean corrected) {
  /** Field: the person's name (identity). */
  public static final String NAME = "name";

  /** Field: the headline under the name (identity). */
  public static final String HEADLINE = "headline";

  /** Field: what a contact fact is ("email", "phone", "link", "location"). */
  public static final String CONTACT_TYPE = "type";

  /** Field: the contact value (an address, a number, a link, a place). */
  public static final String VALUE = "value";

  /** Field: the employer of an experience. */
  public static final String EMPLOYER = "employer";

  /** Field: the role held in an experience. */
  public static final String ROLE = "role";

  /** Field: the start of a period, "2021", "2021-01". */
  public static final String START = "start";

  /** Field: the end of a period, "2023", "2023-06", or "present". */
  public static final String END = "end";

  /** Field: the degree of an education fact. */
  public static final String DEGREE = "degree";

  /** Field: the school of an education fact. */
  public static final String SCHOOL = "school";

  /** Field: what a project is, after its name. */
  public static final String DESCRIPTION = "description";

  /** Field: a language's level, or a skill's category. */
  public static final String LEVEL = "level";

  /** Validates and copies. */
  public Fact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(text, "text");
    fields = Map.copyOf(fields);
    details = List.copyOf(details);
    if (text.isBlank()) {
      throw new IllegalArgumentException("a fact's text must not be blank (fact " + id + ")");
    }
  }

  /** A field's value, or null when absent. */
  public @Nullable String field(String name) {
    return fields.get(name);
  }

  /** This fact marked as written by the user, with another text, fields and details. */
  public Fact corrected(String text, Map<String, String> fields, List<String> details) {
    return new Fact(id, section, text, fields, details, source, true);
  }

  /** Does not print the text: it is personal data. */
  @Override
  public String toString() {
    return "Fact[" + id + ", " + section + (corrected ? ", corrected" : "") + "]";
  }
}
