package io.elavira.generate;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A section a {@link Template} declares: filled by the model following {@code instruction} from the
 * facts of the {@code facts} profile sections, or, offline, with {@code draft} followed by those
 * facts verbatim.
 *
 * @param name its variable in the template body, lower case letters, digits and '_'
 * @param instruction what the model should write there
 * @param facts the profile sections whose facts feed it (empty: none, e.g. a greeting)
 * @param draft the fixed text of the offline draft (Mustache, same variables as the body)
 */
public record TemplateSection(
    String name, String instruction, List<ProfileSection> facts, String draft) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is not a variable name
   */
  public TemplateSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(draft, "draft");
    facts = List.copyOf(facts);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a template section name is lower case letters, digits and '_', got '" + name + "'");
    }
  }
}
