package io.elavira.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.ElaviraException;
import org.junit.jupiter.api.Test;

class InputGuardTest {
  final InputGuard guard = new InputGuard(10);

  @Test
  void acceptsAQuestionWithinTheLimit() {
    assertThatCode(() -> guard.check("Où est-ce?")).doesNotThrowAnyException();
  }

  @Test
  void rejectsEmptyAndBlankQuestions() {
    for (String blank : new String[] {null, "", " \n\t "}) {
      assertThatThrownBy(() -> guard.check(blank))
          .isInstanceOf(InputRejectedException.class)
          .isInstanceOf(ElaviraException.class)
          .hasMessageContaining("question is empty");
    }
  }

  @Test
  void rejectsATooLongQuestionNamingTheLimitAndTheLengthButNotTheText() {
    assertThatThrownBy(() -> guard.check("secretword!"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("question is too long (11 characters)")
        .hasMessageContaining("limit maxQuestionChars=10 (GuardPolicy.maxQuestionChars)")
        .hasMessageNotContaining("secretword");
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> new InputGuard(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQuestionChars");
  }
}
