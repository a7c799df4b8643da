package io.elavira.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one request was routed, and why: the agent that answered, whether the agent's documents were
 * searched, and which chain of models was used. Recorded in {@link io.elavira.Answer#route()} and
 * stored with the answer.
 *
 * @param agentId the agent that answered
 * @param retrieval whether passages were retrieved (not for small talk)
 * @param chain the models used
 * @param reasons each decision and why, in order, in sentences safe to log (no question text)
 */
public record Route(String agentId, boolean retrieval, Chain chain, List<String> reasons) {

  /** Which models answer. */
  public enum Chain {
    /** The agent's local models (the default). */
    LOCAL,
    /** The agent's remote models: allowed, and the local ones cannot serve. */
    REMOTE,
    /** No model is configured: the answer is extractive. */
    NONE
  }

  /** Copies the reasons. */
  public Route {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(chain, "chain");
    reasons = List.copyOf(reasons);
  }

  /** This route with {@code reason} recorded before the others (e.g. why the agent was picked). */
  public Route withFirstReason(String reason) {
    List<String> all = new ArrayList<>();
    all.add(Objects.requireNonNull(reason, "reason"));
    all.addAll(reasons);
    return new Route(agentId, retrieval, chain, all);
  }
}
