package io.elavira.agent;

import io.elavira.ElaviraAgent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's hold on an agent of an {@link AgentRegistry}, on the configuration it had when the
 * lease was taken: a configuration change or a deletion meanwhile replaces the agent for later
 * requests, and this one is closed when its last lease is. Obtained from {@link
 * AgentRegistry#lease(String)}; use it in try-with-resources and do not keep the agent after {@link
 * #close()}.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class AgentLease implements AutoCloseable {
  private final LiveAgent live;
  private final AtomicBoolean closed = new AtomicBoolean();

  AgentLease(LiveAgent live) {
    this.live = live;
  }

  /** The agent, open until this lease is closed. */
  public ElaviraAgent agent() {
    return live.agent();
  }

  /** The configuration the agent was built from. */
  public AgentSpec spec() {
    return live.spec();
  }

  /** The stored configuration version the agent was built from (0 for an unstored default). */
  public long version() {
    return live.version();
  }

  /** Ends the hold; the last hold on a replaced agent closes it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      live.release();
    }
  }

  @Override
  public String toString() {
    return "AgentLease[" + live.spec().id() + " v" + live.version() + "]";
  }
}
