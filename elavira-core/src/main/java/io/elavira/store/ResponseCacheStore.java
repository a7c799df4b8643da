package io.elavira.store;

import java.util.Optional;

/**
 * The persisted layer of the response cache: the {@code response_cache} table, shared by every
 * process on the home. Obtained from {@link ElaviraStore#responseCache()}; the agent's chain uses
 * it behind its in-memory cache.
 *
 * <p>Thread-safe; every method is one transaction. Methods throw {@link
 * io.elavira.ElaviraException} when the database fails and {@link IllegalStateException} when the
 * store is closed.
 */
public interface ResponseCacheStore {

  /** The entry under {@code key} if it is still live at {@code nowMillis}. */
  Optional<CachedResponse> find(String key, long nowMillis);

  /**
   * Writes {@code entry} (replacing one under the same key) and deletes the entries that expired
   * before {@code nowMillis}.
   */
  void put(CachedResponse entry, long nowMillis);

  /**
   * Keeps the agent's {@code maxEntries} newest entries and deletes the others. Reads every entry
   * key of the agent: call it now and then, not on every write.
   *
   * @return how many were deleted
   */
  int trim(String agentId, long maxEntries);

  /**
   * Deletes every entry of the agent.
   *
   * @return how many were deleted
   */
  int clear(String agentId);
}
