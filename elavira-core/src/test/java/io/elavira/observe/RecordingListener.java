package io.elavira.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener for tests that records every event, in the order the agent fires them. Thread-safe.
 * Shipped in elavira-core's test-jar for the modules whose tests watch an agent's events.
 */
public final class RecordingListener implements ElaviraListener {
  private final List<Object> events = new CopyOnWriteArrayList<>();

  /** The events so far, live (a snapshot needs {@code List.copyOf}). */
  public List<Object> events() {
    return events;
  }

  @Override
  public void onRoute(RouteEvent event) {
    events.add(event);
  }

  @Override
  public void onGuard(GuardEvent event) {
    events.add(event);
  }

  @Override
  public void onRetrieval(RetrievalEvent event) {
    events.add(event);
  }

  @Override
  public void onCache(CacheEvent event) {
    events.add(event);
  }

  @Override
  public void onProviderAttempt(ProviderAttemptEvent event) {
    events.add(event);
  }

  @Override
  public void onFallback(FallbackEvent event) {
    events.add(event);
  }

  @Override
  public void onConsensus(ConsensusEvent event) {
    events.add(event);
  }

  @Override
  public void onAnswer(AnswerEvent event) {
    events.add(event);
  }
}
