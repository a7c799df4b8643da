package io.elavira.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.Health;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {
  static final AgentSpec CONTRACTS =
      AgentSpec.builder("contracts")
          .description(
              "Contrats de location et d'assurance : frais de résiliation, préavis, dépôt de"
                  + " garantie. Rental and insurance contracts: cancellation fees, notice.")
          .build();
  static final AgentSpec COOKING =
      AgentSpec.builder("cooking")
          .description("Recettes de cuisine et pâtisserie. Cooking recipes, baking, ingredients.")
          .build();
  static final List<AgentSpec> AGENTS = List.of(CONTRACTS, COOKING);

  final Router router = Router.withDefaults();

  @Test
  void picksTheAgentWhoseDescriptionMatchesTheQuestionInFrenchOrEnglish() {
    assertThat(router.pickAgent(null, "Quels sont les frais de résiliation ?", AGENTS).agentId())
        .isEqualTo("contracts");
    assertThat(router.pickAgent(null, "What are the cancellation fees?", AGENTS).agentId())
        .isEqualTo("contracts");
    assertThat(router.pickAgent(null, "Une recette de pâtisserie facile ?", AGENTS).agentId())
        .isEqualTo("cooking");
    assertThat(router.pickAgent(null, "Which ingredients for baking bread?", AGENTS).reason())
        .contains("cooking")
        .contains("description matches");
  }

  @Test
  void anExplicitIdWinsOverTheDescriptions() {
    Router.AgentChoice choice =
        router.pickAgent("cooking", "Quels sont les frais de résiliation ?", AGENTS);

    assertThat(choice.agentId()).isEqualTo("cooking");
    assertThat(choice.reason()).contains("explicitly");
  }

  @Test
  void theDefaultAgentAnswersWhenNoDescriptionMatches() {
    Router.AgentChoice choice = router.pickAgent(null, "What is the weather tomorrow?", AGENTS);

    assertThat(choice.agentId()).isEqualTo(Router.DEFAULT_AGENT);
    assertThat(choice.reason()).contains("default").contains("< 0.15");
  }

  @Test
  void ties_goToTheSmallerIdSoThatThePickIsDeterministic() {
    AgentSpec b = AgentSpec.builder("b-agent").description("insurance").build();
    AgentSpec a = AgentSpec.builder("a-agent").description("insurance").build();

    assertThat(router.pickAgent(null, "insurance", List.of(b, a)).agentId()).isEqualTo("a-agent");
    assertThat(router.pickAgent(null, "insurance", List.of(a, b)).agentId()).isEqualTo("a-agent");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bonjour",
        "Merci beaucoup !",
        "salut",
        "hi",
        "thanks",
        "Thank you very much",
        "Bonsoir, ça va ?"
      })
  void greetingsAndThanksAreSmallTalk(String message) {
    assertThat(router.isSmallTalk(message)).isTrue();
    assertThat(router.route(CONTRACTS, message, false, () -> Health.up("ok"), false).retrieval())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bonjour, quels sont les frais de résiliation ?",
        "thanks, and what about the deposit?",
        "préavis",
        "comment résilier ?"
      })
  void questionsThatNeedTheDocumentsAreRetrieved(String message) {
    assertThat(router.isSmallTalk(message)).isFalse();
    Route route = router.route(CONTRACTS, message, true, () -> Health.up("ok"), false);
    assertThat(route.retrieval()).isTrue();
    assertThat(route.reasons()).anyMatch(r -> r.startsWith("retrieval"));
  }

  @Test
  void theRemoteChainAnswersOnlyWhenAllowedAndTheLocalOneIsDown() {
    AgentSpec allowed = CONTRACTS.toBuilder().remoteAllowed(true).build();
    Supplier<Health> down = () -> Health.down("connection refused on 127.0.0.1:11434");

    Route remote = router.route(allowed, "préavis ?", true, down, true);
    Route local = router.route(allowed, "préavis ?", true, () -> Health.up("ok"), true);

    assertThat(remote.chain()).isEqualTo(Route.Chain.REMOTE);
    assertThat(remote.reasons()).anyMatch(r -> r.contains("connection refused"));
    assertThat(local.chain()).isEqualTo(Route.Chain.LOCAL);
  }

  @Test
  void withoutRemoteAllowedTheLocalChainAnswersAndHealthIsNotChecked() {
    AtomicInteger checks = new AtomicInteger();
    Supplier<Health> down =
        () -> {
          checks.incrementAndGet();
          return Health.down("refused");
        };

    Route route = router.route(CONTRACTS, "préavis ?", true, down, false);

    assertThat(route.chain()).isEqualTo(Route.Chain.LOCAL);
    assertThat(checks).hasValue(0);
    assertThat(router.route(CONTRACTS, "préavis ?", false, down, false).chain())
        .isEqualTo(Route.Chain.NONE);
  }
}
