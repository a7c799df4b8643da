package io.elavira.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cheap pre-check of each rule: the words a match must start with, read from its regex. */
class RuleTriggersTest {

  @Test
  void readsTheWordsOfALeadingGroup() {
    assertThat(RuleTriggers.leadingWords("\\b(?:ignore|forget)\\W+everything\\b"))
        .containsExactly("ignore", "forget");
  }

  @Test
  void readsALeadingWordAndBothFormsOfAnOptionalLastLetter() {
    assertThat(RuleTriggers.leadingWords("\\bdan\\b")).containsExactly("dan");
    assertThat(RuleTriggers.leadingWords("\\binstructions?\\W+"))
        .containsExactly("instruction", "instructions");
  }

  @Test
  void readsEveryBranchOfATopLevelAlternation() {
    assertThat(RuleTriggers.leadingWords("\\bstop\\W+now\\b|\\bhalt\\b"))
        .containsExactly("stop", "halt");
  }

  @Test
  void knowsNothingWhenABranchDoesNotStartWithAWholeWord() {
    assertThat(RuleTriggers.leadingWords("\\bdan\\b|<\\|system\\|>")).isEmpty();
    assertThat(RuleTriggers.leadingWords("\\bdebride(?:e|s)?\\b")).isEmpty();
    assertThat(RuleTriggers.leadingWords("\\b(?:a|b)?\\W+c")).isEmpty();
  }

  @Test
  void everyRuleOfBothFamiliesRunsOnce() {
    assertThat(InjectionRules.ALL)
        .hasSize(OverrideRules.ALL.size() + ExposureRules.ALL.size())
        .startsWith(OverrideRules.ALL.toArray(InjectionRules.Rule[]::new))
        .endsWith(ExposureRules.ALL.toArray(InjectionRules.Rule[]::new));
  }
}
