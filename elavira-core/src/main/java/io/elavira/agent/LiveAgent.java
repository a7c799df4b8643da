package io.elavira.agent;

import io.elavira.ElaviraAgent;
import io.elavira.llm.LlmProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One built version of an agent and who is using it: the registry holds one reference while it is
 * the current version, each request one more. When the registry replaces it (its configuration
 * changed) it drops its reference, and the last request to finish closes it, so that a request in
 * flight always ends on the configuration it started with. Thread-safe. Not API.
 */
final class LiveAgent {
  private static final Logger LOG = LoggerFactory.getLogger(LiveAgent.class);

  private final AgentSpec spec;
  private final long version;
  private final ElaviraAgent agent;
  private final List<LlmProvider> owned;
  private final AtomicInteger references = new AtomicInteger(1);

  LiveAgent(AgentSpec spec, long version, ElaviraAgent agent, List<LlmProvider> owned) {
    this.spec = spec;
    this.version = version;
    this.agent = agent;
    this.owned = List.copyOf(owned);
  }

  AgentSpec spec() {
    return spec;
  }

  long version() {
    return version;
  }

  ElaviraAgent agent() {
    return agent;
  }

  /** Takes a reference for one request; only called on the current version, under the lock. */
  LiveAgent retain() {
    references.incrementAndGet();
    return this;
  }

  /** Drops a reference; the last one closes the agent and its models. */
  void release() {
    if (references.decrementAndGet() == 0) {
      close();
    }
  }

  /** Closes at once, cancelling what runs (the registry is closing). */
  void close() {
    List<RuntimeException> failures = new ArrayList<>();
    try {
      agent.close();
    } catch (RuntimeException e) {
      failures.add(e);
    }
    for (LlmProvider llm : owned) {
      try {
        llm.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      LOG.warn(
          "Closing agent {} version {} failed: {}", spec.id(), version, failures.get(0).toString());
    }
  }
}
