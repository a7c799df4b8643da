package io.elavira.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.Role;
import io.elavira.llm.TokenCounter;
import io.elavira.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryWindowTest {
  /** One token per whitespace-separated word: easy to reason about in tests. */
  static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.trim().split("\\s+").length;

  static StoredMessage msg(Role role, String content) {
    return new StoredMessage(0, "c1", role, content, null, null, 0, 0, 0, null, Instant.EPOCH);
  }

  static List<StoredMessage> conversation(int turns) {
    List<StoredMessage> messages = new ArrayList<>();
    for (int i = 1; i <= turns; i++) {
      messages.add(msg(Role.USER, "q" + i));
      messages.add(msg(Role.ASSISTANT, "r" + i));
    }
    return messages;
  }

  static List<String> contents(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::content).toList();
  }

  @Test
  void keepsTheNewestMessagesWithinTheMessageLimitOldestFirst() {
    List<ChatMessage> window = MemoryWindow.of(4, 1_000, WORDS).select(conversation(5));

    assertThat(contents(window)).containsExactly("q4", "r4", "q5", "r5");
    assertThat(window)
        .extracting(ChatMessage::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
  }

  @Test
  void keepsTheNewestMessagesWithinTheTokenLimit() {
    List<StoredMessage> history =
        List.of(
            msg(Role.USER, "one two three"), msg(Role.ASSISTANT, "four five six"),
            msg(Role.USER, "seven eight"), msg(Role.ASSISTANT, "nine ten"));

    assertThat(contents(MemoryWindow.of(10, 9, WORDS).select(history)))
        .containsExactly("seven eight", "nine ten");
    assertThat(contents(MemoryWindow.of(10, 10, WORDS).select(history)))
        .containsExactly("one two three", "four five six", "seven eight", "nine ten");
  }

  @Test
  void neverStartsWithAnAssistantReplyWhoseQuestionWasCut() {
    // An odd limit would cut the pair: the whole older turn goes instead.
    assertThat(contents(MemoryWindow.of(3, 1_000, WORDS).select(conversation(3))))
        .containsExactly("q3", "r3");
    // The caller's own limit already cut the pair: the leading reply is dropped.
    List<StoredMessage> cut = conversation(3).subList(1, 6);
    List<ChatMessage> window = MemoryWindow.of(10, 1_000, WORDS).select(cut);
    assertThat(contents(window)).containsExactly("q2", "r2", "q3", "r3");
    // A token limit that fits the reply but not its question drops both.
    List<StoredMessage> history = List.of(msg(Role.USER, "a b c d e"), msg(Role.ASSISTANT, "f"));
    assertThat(MemoryWindow.of(10, 5, WORDS).select(history)).isEmpty();
  }

  @Test
  void dropsAMessageLongerThanTheWholeBudgetButKeepsOlderTurns() {
    List<StoredMessage> history = new ArrayList<>(conversation(2));
    history.add(msg(Role.USER, "paste " + "word ".repeat(50)));
    history.add(msg(Role.ASSISTANT, "summary of the paste"));

    List<ChatMessage> window = MemoryWindow.of(10, 20, WORDS).select(history);

    assertThat(contents(window)).containsExactly("q1", "r1", "q2", "r2");
  }

  @Test
  void keepsAQuestionThatGotNoAnswer() {
    List<StoredMessage> history = new ArrayList<>(conversation(1));
    history.add(msg(Role.USER, "unanswered"));

    assertThat(contents(MemoryWindow.of(3, 100, WORDS).select(history)))
        .containsExactly("q1", "r1", "unanswered");
    assertThat(contents(MemoryWindow.of(2, 100, WORDS).select(history)))
        .containsExactly("unanswered");
  }

  @Test
  void ignoresSystemMessages() {
    List<StoredMessage> history =
        List.of(
            msg(Role.SYSTEM, "be nice"),
            msg(Role.USER, "q"),
            msg(Role.SYSTEM, "internal"),
            msg(Role.ASSISTANT, "r"));

    assertThat(contents(MemoryWindow.of(10, 100, WORDS).select(history))).containsExactly("q", "r");
  }

  @Test
  void returnsNothingForZeroLimitsOrAnEmptyHistory() {
    assertThat(MemoryWindow.of(0, 100, WORDS).select(conversation(2))).isEmpty();
    assertThat(MemoryWindow.of(10, 0, WORDS).select(conversation(2))).isEmpty();
    assertThat(MemoryWindow.of(10, 100, WORDS).select(List.of())).isEmpty();
  }

  @Test
  void countsFrenchTextWithTheGivenCounter() {
    List<StoredMessage> history =
        List.of(
            msg(Role.USER, "Où se trouve la « gare » ? 🚆"),
                msg(Role.ASSISTANT, "À côté de l'hôtel."),
            msg(Role.USER, "Merci !"), msg(Role.ASSISTANT, "De rien 🙂"));
    TokenCounter estimating = TokenCounter.estimating();
    int lastTurn = estimating.count("Merci !") + estimating.count("De rien 🙂");

    List<ChatMessage> window = MemoryWindow.of(10, lastTurn, estimating).select(history);

    assertThat(contents(window)).containsExactly("Merci !", "De rien 🙂");
  }

  @Test
  void rejectsNegativeLimits() {
    assertThatThrownBy(() -> MemoryWindow.of(-1, 10, WORDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessages");
    assertThatThrownBy(() -> MemoryWindow.of(1, -10, WORDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> MemoryWindow.of(1, 10, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void selectStoredReturnsTheStoredMessagesOfTheWindowSoThatWhatIsOlderCanBeSummarised() {
    List<StoredMessage> all = conversation(5);

    List<StoredMessage> window = MemoryWindow.of(4, 1_000, WORDS).selectStored(all);

    assertThat(window).containsExactlyElementsOf(all.subList(6, 10));
    assertThat(contents(MemoryWindow.of(4, 1_000, WORDS).select(all)))
        .containsExactlyElementsOf(window.stream().map(StoredMessage::content).toList());
  }
}
