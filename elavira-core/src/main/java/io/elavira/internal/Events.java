package io.elavira.internal;

import io.elavira.llm.Attempt;
import io.elavira.observe.AnswerEvent;
import io.elavira.observe.CacheEvent;
import io.elavira.observe.ConsensusEvent;
import io.elavira.observe.ElaviraListener;
import io.elavira.observe.FallbackEvent;
import io.elavira.observe.GuardEvent;
import io.elavira.observe.ProviderAttemptEvent;
import io.elavira.observe.RetrievalEvent;
import io.elavira.observe.RouteEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Hands events to an agent's listeners, in registration order, on the calling thread. A
 * listener that throws is logged (WARN the first time, DEBUG after) and never breaks the request.
 * With no listener, building an event is skipped ({@link #active()}). Thread-safe.
 */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  /** No listener: every call returns at once. */
  public static final Events NONE = new Events(List.of());

  private final List<Guarded> listeners;

  private Events(List<ElaviraListener> listeners) {
    this.listeners = listeners.stream().map(Guarded::new).toList();
  }

  /** Dispatches to these listeners, in order. */
  public static Events of(List<ElaviraListener> listeners) {
    return listeners.isEmpty() ? NONE : new Events(List.copyOf(listeners));
  }

  /** Whether any listener is registered (callers skip building events otherwise). */
  boolean active() {
    return !listeners.isEmpty();
  }

  /** For the router's stage, when it exists. */
  void route(RouteEvent e) {
    fire("onRoute", l -> l.onRoute(e));
  }

  /** For a consensus stage or a reply that carries its workers' answers. */
  void consensus(ConsensusEvent e) {
    fire("onConsensus", l -> l.onConsensus(e));
  }

  void guard(GuardEvent e) {
    fire("onGuard", l -> l.onGuard(e));
  }

  void retrieval(RetrievalEvent e) {
    fire("onRetrieval", l -> l.onRetrieval(e));
  }

  void cache(CacheEvent e) {
    fire("onCache", l -> l.onCache(e));
  }

  void answer(AnswerEvent e) {
    fire("onAnswer", l -> l.onAnswer(e));
  }

  /**
   * One event per attempt, in order, then one fallback event for each attempt that failed or was
   * skipped and was followed by another.
   */
  void attempts(String traceId, String agentId, List<Attempt> attempts) {
    attempts(traceId, agentId, attempts, true);
  }

  /**
   * One event per attempt, in order, then (when {@code fallbacks}) one fallback event for each
   * attempt that failed or was skipped and was followed by another; a consensus' attempts are
   * workers run together, not fallbacks.
   */
  void attempts(String traceId, String agentId, List<Attempt> attempts, boolean fallbacks) {
    if (!active()) {
      return;
    }
    for (int i = 0; i < attempts.size(); i++) {
      ProviderAttemptEvent e = new ProviderAttemptEvent(traceId, agentId, i, attempts.get(i));
      fire("onProviderAttempt", l -> l.onProviderAttempt(e));
    }
    for (int i = 0; fallbacks && i + 1 < attempts.size(); i++) {
      if (attempts.get(i).outcome() != Attempt.Outcome.ANSWERED) {
        FallbackEvent e = new FallbackEvent(traceId, agentId, attempts.get(i), attempts.get(i + 1));
        fire("onFallback", l -> l.onFallback(e));
      }
    }
  }

  private void fire(String method, Consumer<ElaviraListener> call) {
    for (Guarded g : listeners) {
      try {
        call.accept(g.listener);
      } catch (RuntimeException e) {
        if (g.warned.compareAndSet(false, true)) {
          LOG.warn(
              "Listener {} threw {} in {}; the request goes on (later failures of this listener"
                  + " are logged at DEBUG)",
              g.listener.getClass().getName(),
              e.getClass().getName(),
              method,
              e);
        } else {
          LOG.debug("Listener {} threw in {}", g.listener.getClass().getName(), method, e);
        }
      }
    }
  }

  /** A listener and whether its failure was logged at WARN already. */
  private static final class Guarded {
    final ElaviraListener listener;
    final AtomicBoolean warned = new AtomicBoolean();

    Guarded(ElaviraListener listener) {
      this.listener = listener;
    }
  }
}
