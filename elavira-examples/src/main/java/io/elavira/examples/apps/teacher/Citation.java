package io.elavira.examples.apps.teacher;

import io.elavira.Source;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where in the course an answer or a quiz question comes from.
 *
 * @param lesson the lesson's file name, e.g. "lesson-2-photosynthesis.pdf"
 * @param page the 1-based page, or null for formats without pages
 * @param section the heading path within the lesson, or null
 * @param chunk the 0-based passage number within the lesson
 * @param passage the passage text
 */
public record Citation(
    String lesson, @Nullable Integer page, @Nullable String section, int chunk, String passage) {

  /** Validates. */
  public Citation {
    Objects.requireNonNull(lesson, "lesson");
    Objects.requireNonNull(passage, "passage");
  }

  /** The citation of a retrieved passage. */
  static Citation of(Source source) {
    return new Citation(
        source.document(), source.page(), source.section(), source.chunk(), source.text());
  }

  /** "lesson-2.pdf, p. 3" or "lesson-2.md, § Light (passage 4)": how a learner finds it. */
  public String label() {
    StringBuilder label = new StringBuilder(lesson);
    if (page != null) {
      label.append(", p. ").append(page);
    }
    if (section != null && !section.isBlank()) {
      label.append(", § ").append(section);
    }
    if (page == null) {
      label.append(" (passage ").append(chunk + 1).append(')');
    }
    return label.toString();
  }

  /** Does not print the passage: course material may be private. */
  @Override
  public String toString() {
    return "Citation[" + label() + "]";
  }
}
