package io.elavira.examples.apps.teacher;

import io.elavira.AnswerMode;
import java.util.List;
import java.util.Objects;

/**
 * The teacher's reply to a learner.
 *
 * @param text the reply: an answer from the course, or, in guide mode, hints and where to look
 * @param mode {@link AnswerMode#GENERATED} by a model, or {@link AnswerMode#EXTRACTIVE} from the
 *     passages themselves when no model answered
 * @param citations the lessons and pages the reply rests on, best first
 * @param conversationId the learner's conversation in this course
 * @param traceId id of the exchange in the stored messages
 */
public record TeacherAnswer(
    String text, AnswerMode mode, List<Citation> citations, String conversationId, String traceId) {

  /** Validates and copies. */
  public TeacherAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    citations = List.copyOf(citations);
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(traceId, "traceId");
  }
}
