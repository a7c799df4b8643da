package io.elavira.observe;

/**
 * Receives the events of an agent's requests. Register one or several with {@code
 * ElaviraAgent.builder().listener(...)}; every method does nothing by default, so a listener
 * overrides only what it watches.
 *
 * <p><b>Threading.</b> Methods are called synchronously on the thread answering the request (the
 * caller's for {@code ask}, the agent's executor for {@code stream}), in the order the stages run,
 * and concurrently for concurrent requests: implementations must be thread-safe and quick (hand
 * slow work to a queue). Events of one request arrive in order: guard, route, retrieval, cache,
 * provider attempts, fallbacks, consensus, answer (those that apply).
 *
 * <p><b>Errors.</b> An exception thrown by a listener never breaks a request: the agent logs the
 * first failure of each listener at WARN (later ones at DEBUG) and goes on.
 */
public interface ElaviraListener {

  /** The route of a request was chosen (agent, local or remote, with or without retrieval). */
  default void onRoute(RouteEvent event) {}

  /** A guard refused or flagged the request or a retrieved passage. */
  default void onGuard(GuardEvent event) {}

  /** The agent's documents were searched for the question. */
  default void onRetrieval(RetrievalEvent event) {}

  /** The response cache was consulted (hit or miss) or skipped. */
  default void onCache(CacheEvent event) {}

  /** One provider was tried (once per attempt of a fallback chain or consensus). */
  default void onProviderAttempt(ProviderAttemptEvent event) {}

  /** A provider failed or was skipped and the next one was tried. */
  default void onFallback(FallbackEvent event) {}

  /** Several models answered together and their answers were merged. */
  default void onConsensus(ConsensusEvent event) {}

  /** The request ended with an answer (also after a cache hit). */
  default void onAnswer(AnswerEvent event) {}
}
