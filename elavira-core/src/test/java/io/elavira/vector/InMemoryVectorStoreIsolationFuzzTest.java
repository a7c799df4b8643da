package io.elavira.vector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.WordOverlapIndex;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InMemoryVectorStoreIsolationFuzzTest extends ScopeIsolationFuzz {

  @Override
  protected VectorStore newVectorStore() {
    return new InMemoryVectorStore();
  }

  @Override
  protected @Nullable LexicalIndex newLexicalIndex() {
    return new WordOverlapIndex();
  }

  @Test
  void theFuzzDetectsAStoreThatFiltersOnTheAgentOnly() {
    VectorStore leaky = new AgentOnlyStore(new InMemoryVectorStore());

    assertThatThrownBy(() -> run(leaky, null, 7L, QUERIES, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Isolation leak in vector search")
        .hasMessageContaining("fuzz seed 7");
  }

  @Test
  void theFuzzDetectsAStoreThatDropsTheFilter() {
    VectorStore leaky = new AgentOnlyStore(new InMemoryVectorStore(), true);

    assertThatThrownBy(() -> run(leaky, null, 8L, QUERIES, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Isolation leak");
  }

  /** A broken store: searches with the agent condition only (or no condition at all). */
  private static final class AgentOnlyStore implements VectorStore {
    private final VectorStore delegate;
    private final boolean noFilter;

    AgentOnlyStore(VectorStore delegate) {
      this(delegate, false);
    }

    AgentOnlyStore(VectorStore delegate, boolean noFilter) {
      this.delegate = delegate;
      this.noFilter = noFilter;
    }

    @Override
    public void upsert(List<VectorRecord> records) {
      delegate.upsert(records);
    }

    @Override
    public void delete(Collection<String> ids) {
      delegate.delete(ids);
    }

    @Override
    public int delete(Filter filter) {
      return delegate.delete(filter);
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
      Filter weakened =
          noFilter
              ? Filter.all()
              : ((Filter.And) request.filter()).filters().get(0); // agent_id = agent only
      return delegate.search(
          new SearchRequest(request.vector(), request.topK(), weakened, request.minScore()));
    }

    @Override
    public int count(Filter filter) {
      return delegate.count(filter);
    }
  }
}
