package io.elavira.llm.fallback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.elavira.llm.stub.ChatCompletionsStubs.chunk;
import static io.elavira.llm.stub.ChatCompletionsStubs.completion;
import static io.elavira.llm.stub.ChatCompletionsStubs.error;
import static io.elavira.llm.stub.ChatCompletionsStubs.json;
import static io.elavira.llm.stub.ChatCompletionsStubs.sse;
import static io.elavira.llm.stub.ChatCompletionsStubs.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.elavira.llm.Attempt;
import io.elavira.llm.Attempt.Outcome;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.openai.OpenAiProvider;
import io.elavira.llm.stub.Ports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chain of two real HTTP providers (OpenAI-compatible, named "primary" and "secondary") in front
 * of two WireMock servers; the breakers run on a clock the tests move, so nothing sleeps.
 */
class FallbackProviderTest {
  private static final String CHAT = "/v1/chat/completions";
  private WireMockServer primaryServer;
  private WireMockServer secondaryServer;
  private final MutableClock clock = new MutableClock();
  private final List<LlmProvider> providers = new ArrayList<>();

  @BeforeEach
  void start() {
    primaryServer = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    secondaryServer = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    primaryServer.start();
    secondaryServer.start();
    answer(primaryServer, "from primary", "from", " primary");
    answer(secondaryServer, "from secondary", "from", " secondary");
  }

  @AfterEach
  void stop() {
    providers.forEach(LlmProvider::close);
    primaryServer.stop();
    secondaryServer.stop();
  }

  private static void answer(WireMockServer server, String text, String... pieces) {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, completion("m", text))));
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(sse(stream("m", pieces))));
  }

  private LlmProvider provider(String name, String baseUrl) {
    return provider(name, baseUrl, Duration.ofSeconds(10));
  }

  private LlmProvider provider(String name, String baseUrl, Duration requestTimeout) {
    LlmProvider p =
        OpenAiProvider.builder()
            .name(name)
            .baseUrl(baseUrl + "/v1")
            .model(name + "-model")
            .maxRetries(0)
            .requestTimeout(requestTimeout)
            .build();
    providers.add(p);
    return p;
  }

  private FallbackProvider chain() {
    return chain(primaryServer.baseUrl());
  }

  private FallbackProvider chain(String primaryUrl) {
    return FallbackProvider.builder()
        .add(provider("primary", primaryUrl))
        .add(provider("secondary", secondaryServer.baseUrl()))
        .clock(clock)
        .build();
  }

  private static ChatRequest question() {
    return ChatRequest.of(List.of(ChatMessage.user("Quelle heure est-il ?")));
  }

  private void primaryFails(ResponseDefinitionBuilder response) {
    primaryServer.stubFor(post(urlEqualTo(CHAT)).atPriority(1).willReturn(response));
  }

  @Test
  void aPrimaryReturning500sIsReplacedAndBothAttemptsAreRecorded() {
    primaryFails(json(500, error("server_error", "boom", null)));
    ChatResponse r = chain().chat(question());
    assertThat(r.text()).isEqualTo("from secondary");
    assertThat(r.attempts())
        .extracting(Attempt::provider, Attempt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("primary", Outcome.FAILED),
            org.assertj.core.groups.Tuple.tuple("secondary", Outcome.ANSWERED));
    assertThat(r.attempts().get(0).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(r.attempts().get(1).kind()).isNull();
    assertThat(r.attempts().get(0).model()).isEqualTo("primary-model");
  }

  @Test
  void aPrimaryThatTimesOutIsReplaced() {
    primaryFails(json(200, completion("m", "late")).withFixedDelay(3000));
    FallbackProvider chain =
        FallbackProvider.builder()
            .add(provider("primary", primaryServer.baseUrl(), Duration.ofMillis(300)))
            .add(provider("secondary", secondaryServer.baseUrl()))
            .clock(clock)
            .build();
    ChatResponse r = chain.chat(question());
    assertThat(r.text()).isEqualTo("from secondary");
    assertThat(r.attempts().get(0).kind()).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void aPrimaryThatRefusesConnectionsIsReplaced() {
    ChatResponse r = chain("http://127.0.0.1:" + Ports.closedPort()).chat(question());
    assertThat(r.text()).isEqualTo("from secondary");
    assertThat(r.attempts().get(0).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aStreamThatFailsBeforeItsFirstTokenIsReplacedTransparently() {
    primaryFails(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    List<String> tokens = new ArrayList<>();
    ChatResponse r = chain().stream(question(), tokens::add, new Cancellation());
    assertThat(tokens).containsExactly("from", " secondary");
    assertThat(r.text()).isEqualTo("from secondary");
    assertThat(r.attempts())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.FAILED, Outcome.ANSWERED);
  }

  @Test
  void aStreamThatFailsMidwayIsReportedNamingTheProviderAndNeverSpliced() {
    primaryFails(sse(chunk("m", "from") + chunk("m", " prim")));
    List<String> tokens = new ArrayList<>();
    FallbackProvider chain = chain();
    assertThatThrownBy(() -> chain.stream(question(), tokens::add, new Cancellation()))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
              assertThat(e.provider()).isEqualTo("primary");
              assertThat(e.getMessage()).contains("primary", "not continued");
              assertThat(e.attempts())
                  .extracting(Attempt::provider, Attempt::kind)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("primary", Kind.STREAM_INTERRUPTED));
            });
    assertThat(tokens).containsExactly("from", " prim");
    secondaryServer.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aRejectedRequestIsReportedAtOnceNamingTheProviderAndLeavesTheBreakerClosed() {
    primaryFails(
        json(401, error("invalid_request_error", "Incorrect API key provided", "invalid_api_key")));
    FallbackProvider chain = chain();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> chain.chat(question()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(e.provider()).isEqualTo("primary");
                assertThat(e.getMessage()).contains("primary");
                assertThat(e.attempts()).hasSize(1);
              });
    }
    assertThat(chain.breakerStates()).containsExactly("CLOSED", "CLOSED");
    primaryServer.verify(10, postRequestedFor(urlEqualTo(CHAT)));
    secondaryServer.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void anOpenBreakerCostsNoConnectionAttempt() {
    primaryFails(json(503, error("server_error", "overloaded", null)));
    FallbackProvider chain = chain();
    for (int i = 0; i < FallbackProvider.DEFAULT_MINIMUM_CALLS; i++) {
      chain.chat(question());
    }
    assertThat(chain.breakerStates()).containsExactly("OPEN", "CLOSED");
    for (int i = 0; i < 20; i++) {
      ChatResponse r = chain.chat(question());
      assertThat(r.attempts().get(0).outcome()).isEqualTo(Outcome.SKIPPED_BREAKER_OPEN);
      assertThat(r.attempts().get(0).elapsed()).isZero();
    }
    primaryServer.verify(
        FallbackProvider.DEFAULT_MINIMUM_CALLS, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void anOpenBreakerLetsATrialThroughWhenHalfOpenAndClosesWhenTheProviderRecovered() {
    primaryFails(json(500, error("server_error", "down", null)));
    FallbackProvider chain = chain();
    for (int i = 0; i < FallbackProvider.DEFAULT_MINIMUM_CALLS; i++) {
      chain.chat(question());
    }
    assertThat(chain.breakerStates().get(0)).isEqualTo("OPEN");

    clock.advance(FallbackProvider.DEFAULT_WAIT_IN_OPEN_STATE.plusSeconds(1));
    ChatResponse trial = chain.chat(question());
    assertThat(trial.attempts().get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(chain.breakerStates().get(0)).as("a failed trial opens it again").isEqualTo("OPEN");

    primaryServer.resetMappings();
    answer(primaryServer, "from primary", "from", " primary");
    assertThat(chain.chat(question()).text())
        .as("still open: not asked")
        .isEqualTo("from secondary");

    clock.advance(FallbackProvider.DEFAULT_WAIT_IN_OPEN_STATE.plusSeconds(1));
    ChatResponse recovered = chain.chat(question());
    assertThat(recovered.text()).isEqualTo("from primary");
    assertThat(recovered.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.ANSWERED);
    assertThat(chain.breakerStates().get(0)).isEqualTo("CLOSED");
  }

  @Test
  void aThousandConsecutiveAsksWithThePrimaryDownGiveAThousandAnswers() {
    primaryFails(json(500, error("server_error", "down", null)));
    FallbackProvider chain = chain();
    int answered = 0;
    for (int i = 0; i < 1000; i++) {
      if (chain.chat(question()).text().equals("from secondary")) {
        answered++;
      }
    }
    assertThat(answered).isEqualTo(1000);
    primaryServer.verify(
        FallbackProvider.DEFAULT_MINIMUM_CALLS, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void whenEveryProviderFailsTheErrorListsEveryAttempt() {
    primaryFails(json(500, error("server_error", "down", null)));
    secondaryServer.stubFor(
        post(urlEqualTo(CHAT))
            .atPriority(1)
            .willReturn(json(503, error("server_error", "busy", null))));
    FallbackProvider chain = chain();
    assertThatThrownBy(() -> chain.chat(question()))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.isRetriable()).isTrue();
              assertThat(e.getMessage())
                  .contains("primary (UNAVAILABLE)", "secondary (OVERLOADED)");
              assertThat(e.attempts()).hasSize(2);
            });
  }

  @Test
  void anExceptionFromTheListenerIsTheCallersAndDoesNotCountAgainstTheProvider() {
    IllegalStateException boom = new IllegalStateException("listener");
    FallbackProvider chain = chain();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(
              () ->
                  chain.stream(
                      question(),
                      t -> {
                        throw boom;
                      },
                      new Cancellation()))
          .isSameAs(boom);
    }
    assertThat(chain.breakerStates()).containsExactly("CLOSED", "CLOSED");
  }

  @Test
  void aCancelledStreamIsCancelledNotPassedOnToTheNextProvider() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    FallbackProvider chain = chain();
    assertThatThrownBy(() -> chain.stream(question(), t -> {}, cancellation))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
              assertThat(e.getMessage()).contains("cancelled");
              assertThat(e.attempts()).hasSize(1);
            });
    assertThat(chain.breakerStates()).containsExactly("CLOSED", "CLOSED");
    secondaryServer.verify(0, postRequestedFor(urlEqualTo(CHAT)));
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-30T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
