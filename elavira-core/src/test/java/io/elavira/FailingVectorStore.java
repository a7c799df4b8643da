package io.elavira;

import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link InMemoryVectorStore} that fails on demand, like a remote store going down: the N-th
 * upsert from now writes the first half of its records then throws; the N-th delete by ids throws
 * without deleting. It outlives agents, like a persistent index.
 */
final class FailingVectorStore implements VectorStore {
  final InMemoryVectorStore delegate = new InMemoryVectorStore();
  private final AtomicInteger upsertsBeforeFailure = new AtomicInteger(-1);
  private final AtomicInteger deletesBeforeFailure = new AtomicInteger(-1);
  private final AtomicReference<Runnable> afterUpsert = new AtomicReference<>();
  private final AtomicReference<Runnable> beforeDelete = new AtomicReference<>();

  /** Runs {@code probe} once, right after the next upsert wrote its records. */
  void afterNextUpsert(Runnable probe) {
    afterUpsert.set(probe);
  }

  /** Runs {@code probe} once, right before the next delete by ids. */
  void beforeNextDelete(Runnable probe) {
    beforeDelete.set(probe);
  }

  /** The {@code nth} upsert from now (1 = the next one) fails after writing half its records. */
  void failUpsert(int nth) {
    upsertsBeforeFailure.set(nth);
  }

  /** The {@code nth} delete by ids from now (1 = the next one) fails. */
  void failDelete(int nth) {
    deletesBeforeFailure.set(nth);
  }

  int countOf(String documentId) {
    return delegate.count(Filter.eq(VectorRecord.DOCUMENT_ID, documentId));
  }

  @Override
  public void upsert(List<VectorRecord> records) {
    if (upsertsBeforeFailure.get() > 0 && upsertsBeforeFailure.decrementAndGet() == 0) {
      delegate.upsert(records.subList(0, records.size() / 2));
      throw new ElaviraException("test vector store: upsert failed half-way");
    }
    delegate.upsert(records);
    Runnable probe = afterUpsert.getAndSet(null);
    if (probe != null) {
      probe.run();
    }
  }

  @Override
  public void delete(Collection<String> ids) {
    if (deletesBeforeFailure.get() > 0 && deletesBeforeFailure.decrementAndGet() == 0) {
      throw new ElaviraException("test vector store: delete failed");
    }
    Runnable probe = beforeDelete.getAndSet(null);
    if (probe != null) {
      probe.run();
    }
    delegate.delete(ids);
  }

  @Override
  public int delete(Filter filter) {
    return delegate.delete(filter);
  }

  @Override
  public List<SearchHit> search(SearchRequest request) {
    return delegate.search(request);
  }

  @Override
  public int count(Filter filter) {
    return delegate.count(filter);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
