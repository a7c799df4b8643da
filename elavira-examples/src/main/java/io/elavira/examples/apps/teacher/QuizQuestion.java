package io.elavira.examples.apps.teacher;

import java.util.Objects;

/**
 * One quiz question whose answer is in the course material.
 *
 * @param question the question as shown to the learner
 * @param answer the expected answer, found in the cited passage
 * @param kind how the question was written
 * @param citation the passage that holds the answer
 */
public record QuizQuestion(String question, String answer, Kind kind, Citation citation) {

  /** How a question was written. */
  public enum Kind {
    /** Written by the language model as JSON, then checked against the cited passage. */
    GENERATED,
    /** A sentence of the passage with one key word blanked out: no model needed. */
    CLOZE
  }

  /** Validates. */
  public QuizQuestion {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(citation, "citation");
  }
}
