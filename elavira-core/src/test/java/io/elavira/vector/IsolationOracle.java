package io.elavira.vector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What each (agent, user) may see, and the check that a result holds nothing else. Items are
 * anything with an id (chunk, document, conversation, memory entry, marker word): each belongs to
 * one agent and either to every user of it (shared, {@code owner} null) or to one user. A fuzz test
 * registers every item it creates, then checks every result with {@link #assertVisible}; a failure
 * names the leaked items, their owners and the seed to replay.
 *
 * <p>Not thread-safe; used by one test thread.
 */
public final class IsolationOracle {
  private record Scope(String agentId, @Nullable String ownerId) {}

  private final long seed;
  private final Map<String, Scope> items = new HashMap<>();
  private long checks;

  /** An oracle for a fuzz run with this seed (printed on failure to replay the run). */
  public IsolationOracle(long seed) {
    this.seed = seed;
  }

  /** Registers an item of {@code agentId}: shared when {@code ownerId} is null, else private. */
  public void add(String itemId, String agentId, @Nullable String ownerId) {
    Scope previous = items.putIfAbsent(itemId, new Scope(agentId, ownerId));
    if (previous != null && !previous.equals(new Scope(agentId, ownerId))) {
      throw new IllegalArgumentException("item " + itemId + " registered twice with other scopes");
    }
  }

  /** Whether {@code userId} asking {@code agentId} may see the item. */
  public boolean visible(String itemId, String agentId, String userId) {
    Scope s = items.get(itemId);
    return s != null
        && s.agentId().equals(agentId)
        && (s.ownerId() == null || s.ownerId().equals(userId));
  }

  /** Every registered item {@code userId} asking {@code agentId} may see. */
  public Set<String> visibleSet(String agentId, String userId) {
    Set<String> out = new TreeSet<>();
    items
        .keySet()
        .forEach(
            id -> {
              if (visible(id, agentId, userId)) {
                out.add(id);
              }
            });
    return out;
  }

  /**
   * Fails when {@code returned} holds an item that {@code userId} asking {@code agentId} may not
   * see, or an item never registered (an unknown id is a leak too: it came from somewhere).
   *
   * @param what what was queried, for the message ("vector search", "recall")
   * @throws AssertionError naming the leaked items, their scopes and the seed
   */
  public void assertVisible(
      String what, String agentId, String userId, Collection<String> returned) {
    checks++;
    List<String> leaks = new ArrayList<>();
    for (String id : returned) {
      if (!visible(id, agentId, userId)) {
        Scope s = items.get(id);
        leaks.add(
            id
                + (s == null
                    ? " (unknown)"
                    : " (agent "
                        + s.agentId()
                        + ", owner "
                        + Objects.toString(s.ownerId(), "shared")
                        + ")"));
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Isolation leak in "
              + what
              + " for user "
              + userId
              + " of agent "
              + agentId
              + ": "
              + leaks
              + " (fuzz seed "
              + seed
              + ", check #"
              + checks
              + "; rerun with -Delavira.fuzz.seed="
              + seed
              + ")");
    }
  }

  /** How many results were checked. */
  public long checks() {
    return checks;
  }

  /** The seed of the run. */
  public long seed() {
    return seed;
  }

  /** The seed of a fuzz run: {@code -Delavira.fuzz.seed} when given, else a fresh one. */
  public static long seedFromSystemProperty() {
    String given = System.getProperty("elavira.fuzz.seed");
    return given != null && !given.isBlank() ? Long.parseLong(given) : System.nanoTime();
  }
}
