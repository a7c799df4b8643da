package io.elavira.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the exchanges of one conversation, so that each one reads the memory the previous one
 * stored; exchanges of different conversations run in parallel.
 */
final class ConversationLockStage implements Stage {
  private final KeyedLocks locks = new KeyedLocks();

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    ReentrantLock lock = locks.lockFor(exchange.conversationId());
    lock.lock();
    try {
      return chain.proceed(exchange);
    } finally {
      lock.unlock();
    }
  }
}
