package io.elavira.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalHit;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.LexicalRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The isolation fuzz every {@link VectorStore} (and {@link LexicalIndex}) extends: records of
 * several agents, shared and private to several users, with traps (ids that are prefixes of each
 * other, the same vector and the same text in several scopes, users without records), then at least
 * {@value #QUERIES} randomized searches of random (agent, user) pairs through the production scope
 * filter ({@link HybridRetriever#scope}); every hit must be visible to the asker ({@link
 * IsolationOracle}). A failure prints the seed; {@code -Delavira.fuzz.seed=N} replays it.
 */
public abstract class ScopeIsolationFuzz {
  /** Randomized queries per run. */
  public static final int QUERIES = 1000;

  /** Dimension of the fuzz vectors. */
  public static final int DIMENSION = 16;

  static final List<String> AGENTS = List.of("a1", "a10", "b");
  static final List<String> OWNERS = List.of("u1", "u10", "u2");

  /** Askers: the owners, a user with no private record, and a user named like an agent. */
  static final List<String> ASKERS = List.of("u1", "u10", "u2", "u3", "a1");

  static final List<String> WORDS =
      List.of(
          "invoice",
          "contract",
          "salary",
          "holiday",
          "doctor",
          "garden",
          "recipe",
          "train",
          "meeting",
          "password",
          "insurance",
          "school",
          "budget",
          "travel",
          "music",
          "loan",
          "tenant",
          "repair",
          "birthday",
          "project");

  /** A new, empty store of {@link #DIMENSION} dimensions, closed by the test. */
  protected abstract VectorStore newVectorStore();

  /** A new, empty lexical index, or null when the implementation under test has none. */
  protected @Nullable LexicalIndex newLexicalIndex() {
    return null;
  }

  /**
   * Whether a search whose {@code topK} covers every visible record returns all of them (exact
   * search on a small filtered set); approximate stores may say false.
   */
  protected boolean completeWhenTopKCoversScope() {
    return true;
  }

  @Test
  void noRandomizedSearchReturnsAnotherUsersOrAnotherAgentsRecords() {
    long seed = IsolationOracle.seedFromSystemProperty();
    VectorStore vectors = newVectorStore();
    LexicalIndex lexical = newLexicalIndex();
    try {
      IsolationOracle oracle = run(vectors, lexical, seed, QUERIES, completeWhenTopKCoversScope());
      assertThat(oracle.checks()).isGreaterThanOrEqualTo(QUERIES);
    } finally {
      vectors.close();
      if (lexical != null) {
        lexical.close();
      }
    }
  }

  /**
   * Fills the stores, runs {@code queries} random searches and checks each.
   *
   * @return the oracle, with the number of checks made
   * @throws AssertionError on the first leak, naming the seed
   */
  public static IsolationOracle run(
      VectorStore vectors,
      @Nullable LexicalIndex lexical,
      long seed,
      int queries,
      boolean complete) {
    Random random = new Random(seed);
    IsolationOracle oracle = new IsolationOracle(seed);
    List<VectorRecord> records = new ArrayList<>();
    List<LexicalRecord> texts = new ArrayList<>();
    int n = 0;
    for (String agent : AGENTS) {
      List<@Nullable String> owners = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        owners.add(null);
      }
      for (String owner : OWNERS) {
        for (int i = 0; i < 6; i++) {
          owners.add(owner);
        }
      }
      for (String owner : owners) {
        String id = "r" + (n++) + "-" + agent + "-" + (owner == null ? "shared" : owner);
        String docId = "d-" + agent + "-" + (owner == null ? "shared" : owner);
        float[] vector;
        String text;
        if (!records.isEmpty() && random.nextInt(4) == 0) {
          // The same vector and text in another scope: the nearest neighbour may be foreign.
          int other = random.nextInt(records.size());
          vector = records.get(other).vector().clone();
          text = texts.get(other).text();
        } else {
          vector = randomUnit(random);
          text = randomText(random, 8);
        }
        Map<String, String> metadata = VectorRecord.chunkMetadata(agent, docId, owner);
        records.add(new VectorRecord(id, vector, metadata));
        texts.add(new LexicalRecord(id, text, metadata));
        oracle.add(id, agent, owner);
      }
    }
    vectors.upsert(records);
    if (lexical != null) {
      lexical.upsert(texts);
    }
    for (int q = 0; q < queries; q++) {
      String agent = AGENTS.get(random.nextInt(AGENTS.size()));
      String user = ASKERS.get(random.nextInt(ASKERS.size()));
      Filter scope = HybridRetriever.scope(agent, user);
      Set<String> visible = oracle.visibleSet(agent, user);
      int topK =
          random.nextBoolean() ? 1 + random.nextInt(5) : visible.size() + 1 + random.nextInt(60);
      boolean anyScore = random.nextBoolean();
      float[] vector =
          random.nextBoolean()
              ? records.get(random.nextInt(records.size())).vector()
              : randomUnit(random);
      List<SearchHit> hits =
          vectors.search(new SearchRequest(vector, topK, scope, anyScore ? -1 : 0.0));
      List<String> ids = hits.stream().map(SearchHit::id).toList();
      oracle.assertVisible("vector search #" + q, agent, user, ids);
      assertThat(new HashSet<>(ids)).as("no duplicate hit (seed %s)", seed).hasSize(ids.size());
      if (complete && anyScore && topK >= visible.size()) {
        assertThat(new HashSet<>(ids))
            .as("every visible record found when topK covers the scope (seed %s)", seed)
            .isEqualTo(visible);
      }
      if (q % 10 == 0) {
        assertThat(vectors.count(scope))
            .as("count of the scope (seed %s)", seed)
            .isEqualTo(visible.size());
      }
      if (lexical != null) {
        String text =
            random.nextBoolean()
                ? texts.get(random.nextInt(texts.size())).text()
                : randomText(random, 1 + random.nextInt(3));
        List<LexicalHit> found = lexical.search(text, topK, scope);
        oracle.assertVisible(
            "lexical search #" + q, agent, user, found.stream().map(LexicalHit::id).toList());
        oracle.assertVisible(
            "lexical search #" + q + " (hit metadata)",
            agent,
            user,
            found.stream()
                .filter(h -> !agent.equals(h.metadata().get(VectorRecord.AGENT_ID)))
                .map(LexicalHit::id)
                .toList());
      }
    }
    return oracle;
  }

  static float[] randomUnit(Random random) {
    float[] v = new float[DIMENSION];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  static String randomText(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return sb.toString();
  }
}
