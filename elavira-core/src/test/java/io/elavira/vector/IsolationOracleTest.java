package io.elavira.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationOracleTest {
  private final IsolationOracle oracle = new IsolationOracle(42);

  IsolationOracleTest() {
    oracle.add("shared-a", "a", null);
    oracle.add("alice-a", "a", "alice");
    oracle.add("bob-a", "a", "bob");
    oracle.add("shared-b", "b", null);
    oracle.add("alice-b", "b", "alice");
  }

  @Test
  void acceptsAResultOfSharedItemsAndTheUsersOwn() {
    oracle.assertVisible("search", "a", "alice", List.of("shared-a", "alice-a"));

    assertThat(oracle.checks()).isEqualTo(1);
    assertThat(oracle.visibleSet("a", "alice")).containsExactly("alice-a", "shared-a");
  }

  @Test
  void detectsAnotherUsersPrivateItemAndNamesTheSeed() {
    assertThatThrownBy(
            () -> oracle.assertVisible("search", "a", "alice", List.of("shared-a", "bob-a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leak")
        .hasMessageContaining("bob-a (agent a, owner bob)")
        .hasMessageContaining("seed 42");
  }

  @Test
  void detectsAnotherAgentsItemsEvenOfTheSameUser() {
    assertThatThrownBy(() -> oracle.assertVisible("search", "a", "alice", List.of("alice-b")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("alice-b (agent b, owner alice)");
    assertThatThrownBy(() -> oracle.assertVisible("search", "a", "alice", List.of("shared-b")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void treatsAnUnknownIdAsALeak() {
    assertThatThrownBy(() -> oracle.assertVisible("search", "a", "alice", List.of("nowhere")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nowhere (unknown)");
  }

  @Test
  void refusesAnItemRegisteredTwiceWithAnotherScope() {
    assertThatThrownBy(() -> oracle.add("alice-a", "a", "bob"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
