package io.elavira.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LlmProvider} must have. An implementation's test extends this class
 * and wires providers to a stub (WireMock, a fake server) that it starts in its own
 * {@code @BeforeEach}: every chat or stream request is answered with {@link #expectedText()},
 * streamed in at least two pieces, with non-zero token usage.
 *
 * <p>Providers made by {@link #createProvider()} and {@link #createUnreachableProvider()} are
 * closed after each test.
 */
public abstract class LlmProviderContract {
  private final List<LlmProvider> created = new ArrayList<>();

  /** A provider wired to a stub that answers {@link #expectedText()} to every request. */
  protected abstract LlmProvider createProvider();

  /** A provider pointed at an address where nothing listens (a closed port). */
  protected abstract LlmProvider createUnreachableProvider();

  /** The text the stub answers, the same for chat and (concatenated) stream. */
  protected abstract String expectedText();

  private LlmProvider provider() {
    LlmProvider p = createProvider();
    created.add(p);
    return p;
  }

  private LlmProvider unreachable() {
    LlmProvider p = createUnreachableProvider();
    created.add(p);
    return p;
  }

  @AfterEach
  void closeProviders() {
    created.forEach(LlmProvider::close);
    created.clear();
  }

  private static ChatRequest question() {
    return ChatRequest.of(
        List.of(ChatMessage.system("Answer briefly."), ChatMessage.user("Bonjour, ça va ?")));
  }

  @Test
  void chatReturnsTheTextTheModelAndTheUsage() {
    LlmProvider p = provider();
    ChatResponse response = p.chat(question());
    assertThat(response.text()).isEqualTo(expectedText());
    assertThat(response.model()).isNotBlank();
    assertThat(response.usage().inputTokens()).isPositive();
    assertThat(response.usage().outputTokens()).isPositive();
  }

  @Test
  void streamedTokensConcatenateToTheChatText() {
    LlmProvider p = provider();
    List<String> tokens = new ArrayList<>();
    ChatResponse response = p.stream(question(), tokens::add, new Cancellation());
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
    assertThat(String.join("", tokens)).isEqualTo(expectedText());
    assertThat(response.text()).isEqualTo(p.chat(question()).text());
    assertThat(response.usage().totalTokens()).isPositive();
  }

  @Test
  void cancellingFromTheListenerStopsTheStreamWithCancelled() {
    LlmProvider p = provider();
    Cancellation cancellation = new Cancellation();
    List<String> tokens = new ArrayList<>();
    assertThatThrownBy(
            () ->
                p.stream(
                    question(),
                    token -> {
                      tokens.add(token);
                      cancellation.cancel();
                    },
                    cancellation))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED);
              assertThat(e.isRetriable()).isFalse();
              assertThat(e.provider()).isEqualTo(p.name());
            });
    assertThat(tokens).as("no token after cancellation").hasSize(1);
  }

  @Test
  void aStreamCancelledBeforeItStartsDeliversNothing() {
    LlmProvider p = provider();
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    List<String> tokens = new ArrayList<>();
    assertThatThrownBy(() -> p.stream(question(), tokens::add, cancellation))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
    assertThat(tokens).isEmpty();
  }

  @Test
  void aCancellableChatAnswersLikeChat() {
    LlmProvider p = provider();
    ChatResponse response = p.chat(question(), new Cancellation());
    assertThat(response.text()).isEqualTo(expectedText());
    assertThat(response.usage().totalTokens()).isPositive();
  }

  @Test
  void aChatCancelledBeforeItStartsFailsWithCancelled() {
    LlmProvider p = provider();
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    assertThatThrownBy(() -> p.chat(question(), cancellation))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
  }

  @Test
  void anExceptionFromTheListenerReachesTheCaller() {
    LlmProvider p = provider();
    IllegalStateException boom = new IllegalStateException("listener failed");
    assertThatThrownBy(
            () ->
                p.stream(
                    question(),
                    token -> {
                      throw boom;
                    },
                    new Cancellation()))
        .isSameAs(boom);
  }

  @Test
  void isHealthyWhenTheServerAnswers() {
    Health health = provider().health();
    assertThat(health.available()).as(health.detail()).isTrue();
  }

  @Test
  void isUnhealthyWithoutThrowingWhenNothingListens() {
    Health health = unreachable().health();
    assertThat(health.available()).isFalse();
    assertThat(health.detail()).isNotBlank();
  }

  @Test
  void anUnreachableServerIsARetriableUnavailableError() {
    LlmProvider p = unreachable();
    assertThatThrownBy(() -> p.chat(question()))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.getMessage()).doesNotContain("Bonjour");
            });
  }

  @Test
  void hasANameAndADefaultModel() {
    LlmProvider p = provider();
    assertThat(p.name()).isNotBlank();
    assertThat(p.defaultModel()).isNotBlank();
  }

  @Test
  void closeIsIdempotent() {
    LlmProvider p = provider();
    p.close();

    assertThatCode(p::close).doesNotThrowAnyException();
  }
}
