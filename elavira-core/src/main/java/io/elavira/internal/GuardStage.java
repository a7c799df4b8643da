package io.elavira.internal;

import io.elavira.guard.InputGuard;
import java.util.Objects;

/** Refuses a question the guard rejects before anything is read or written. */
final class GuardStage implements Stage {
  private final InputGuard guard;

  GuardStage(InputGuard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /** Refuses {@code question} at once, without side effects. */
  void check(String question) {
    guard.check(question);
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    guard.check(exchange.question());
    return chain.proceed(exchange);
  }
}
