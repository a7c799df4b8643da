package io.elavira.agent;

import io.elavira.internal.words.LanguageWords;
import io.elavira.llm.Health;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Picks the agent of a request and its route, deterministically, and says why.
 *
 * <p><b>Agent.</b> An explicit id wins. Otherwise each agent's description is compared with the
 * question by word overlap (lower case, accents removed, French and English stop words dropped,
 * plurals folded): the score is the cosine of the two word sets, and the best agent at or above
 * {@link #minScore()} is picked, ties going to the smaller id; below it, the default agent answers.
 *
 * <p><b>Route.</b> Small talk (greetings and thanks, in French and English: "bonjour", "merci",
 * "salut", "hi", "thanks"...) is answered without retrieval; any other question searches the
 * agent's documents. The local chain answers unless the agent allows remote models, has some, and
 * the local chain's health check says it cannot serve.
 *
 * <p>Immutable and thread-safe.
 */
public final class Router {
  /** Default lowest description score for an agent to be picked by its description. */
  public static final double DEFAULT_MIN_SCORE = 0.15;

  /** Default agent when none matches. */
  public static final String DEFAULT_AGENT = "default";

  /** Longest message, in words, that may be small talk. */
  static final int SMALL_TALK_MAX_WORDS = 6;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final double minScore;
  private final String defaultAgent;
  private final LanguageWords languageWords;

  private Router(double minScore, String defaultAgent) {
    this.minScore = minScore;
    this.defaultAgent = defaultAgent;
    this.languageWords = LanguageWords.read();
  }

  /** A router with {@link #DEFAULT_MIN_SCORE} and the default agent {@value #DEFAULT_AGENT}. */
  public static Router withDefaults() {
    return new Router(DEFAULT_MIN_SCORE, DEFAULT_AGENT);
  }

  /**
   * A router with its own threshold and default agent.
   *
   * @param minScore lowest description score, in (0, 1]
   * @param defaultAgent the agent answering when no description matches
   * @throws IllegalArgumentException when {@code minScore} is out of range or the id is blank
   */
  public static Router of(double minScore, String defaultAgent) {
    if (!(minScore > 0 && minScore <= 1)) {
      throw new IllegalArgumentException("Router minScore must be in (0, 1], got " + minScore);
    }
    if (defaultAgent == null || defaultAgent.isBlank()) {
      throw new IllegalArgumentException("Router defaultAgent must not be blank");
    }
    return new Router(minScore, defaultAgent);
  }

  /** Lowest description score for an agent to be picked by its description. */
  public double minScore() {
    return minScore;
  }

  /** The agent answering when no description matches. */
  public String defaultAgent() {
    return defaultAgent;
  }

  /**
   * Which agent answers, and why.
   *
   * @param agentId the agent asked for explicitly, or null to pick by description
   * @param question the request
   * @param agents the agents to choose from
   * @return the choice; the default agent when none matches (it need not be among {@code agents})
   */
  public AgentChoice pickAgent(@Nullable String agentId, String question, List<AgentSpec> agents) {
    Objects.requireNonNull(question, "question");
    if (agentId != null) {
      return new AgentChoice(agentId, 1.0, "agent '" + agentId + "': asked for explicitly");
    }
    Set<String> asked = terms(question);
    AgentSpec best = null;
    double bestScore = 0;
    for (AgentSpec spec : agents) {
      double score = score(asked, terms(spec.description()));
      if (score > bestScore
          || (score == bestScore
              && best != null
              && score > 0
              && spec.id().compareTo(best.id()) < 0)) {
        best = spec;
        bestScore = score;
      }
    }
    if (best != null && bestScore >= minScore) {
      return new AgentChoice(
          best.id(),
          bestScore,
          String.format(
              Locale.ROOT,
              "agent '%s': its description matches best (score %.2f >= %.2f)",
              best.id(),
              bestScore,
              minScore));
    }
    return new AgentChoice(
        defaultAgent,
        bestScore,
        String.format(
            Locale.ROOT,
            "agent '%s': the default, no description matches (best score %.2f < %.2f)",
            defaultAgent,
            bestScore,
            minScore));
  }

  /**
   * Whether {@code question} is small talk (a greeting, thanks, a goodbye) that needs no document.
   */
  public boolean isSmallTalk(String question) {
    List<String> words = words(question);
    if (words.isEmpty() || words.size() > SMALL_TALK_MAX_WORDS) {
      return false;
    }
    boolean cue = false;
    for (String w : words) {
      if (languageWords.smallTalkCues().contains(w)) {
        cue = true;
      } else if (!languageWords.smallTalkFillers().contains(w)) {
        return false;
      }
    }
    return cue;
  }

  /**
   * The route of {@code question} in agent {@code spec}.
   *
   * @param hasLocal whether the agent has a local chain (or a consensus)
   * @param localHealth the local chain's health (called only when a remote chain could replace it)
   * @param hasRemote whether the agent has remote models
   */
  public Route route(
      AgentSpec spec,
      String question,
      boolean hasLocal,
      Supplier<Health> localHealth,
      boolean hasRemote) {
    List<String> reasons = new ArrayList<>();
    boolean retrieval = !isSmallTalk(question);
    reasons.add(
        retrieval
            ? "retrieval: the question may need the agent's documents"
            : "no retrieval: small talk (a greeting or thanks)");
    Route.Chain chain;
    boolean remoteUsable = hasRemote && spec.remoteAllowed();
    if (!hasLocal && !remoteUsable) {
      chain = Route.Chain.NONE;
      reasons.add("no model: the agent has no provider, the answer is extractive");
    } else if (!hasLocal) {
      chain = Route.Chain.REMOTE;
      reasons.add("remote chain: the agent has no local model and allows remote ones");
    } else if (!remoteUsable) {
      chain = Route.Chain.LOCAL;
      reasons.add(
          hasRemote
              ? "local chain: remote models are not allowed for this agent"
              : "local chain: the agent has no remote model");
    } else {
      Health health = localHealth.get();
      if (health.available()) {
        chain = Route.Chain.LOCAL;
        reasons.add("local chain: it is available (remote allowed but not needed)");
      } else {
        chain = Route.Chain.REMOTE;
        reasons.add(
            "remote chain: the local chain cannot serve ("
                + health.detail()
                + ") and remote is"
                + " allowed");
      }
    }
    return new Route(spec.id(), retrieval, chain, reasons);
  }

  /** Score of a description's words against a question's: the cosine of the two word sets. */
  static double score(Set<String> question, Set<String> description) {
    if (question.isEmpty() || description.isEmpty()) {
      return 0;
    }
    long common = question.stream().filter(description::contains).count();
    return common / Math.sqrt((double) question.size() * description.size());
  }

  /** The topic words of a text: normalised, stop words dropped, plurals folded. */
  Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    for (String w : words(text)) {
      if (w.length() > 1 && !languageWords.stopWords().contains(w)) {
        terms.add(fold(w));
      }
    }
    return terms;
  }

  private static List<String> words(String text) {
    String plain =
        MARKS
            .matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
            .replaceAll("");
    List<String> words = new ArrayList<>();
    for (String w : NOT_WORD.split(plain)) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** Folds French and English plurals ("contrats", "fees", "baux") onto the singular. */
  private static String fold(String w) {
    if (w.length() > 4 && w.endsWith("aux")) {
      return w.substring(0, w.length() - 3) + "al";
    }
    if (w.length() > 3 && (w.endsWith("s") || w.endsWith("x")) && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /**
   * The agent a request goes to.
   *
   * @param agentId the agent
   * @param score its description's score, 1 when asked for explicitly
   * @param reason why, in a sentence safe to log
   */
  public record AgentChoice(String agentId, double score, String reason) {
    /** Checks the fields. */
    public AgentChoice {
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
