package io.elavira.retrieval.internal;

import io.elavira.Source;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStore;
import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Semantic retrieval: embeds the question, searches the vector index within the agent's and user's
 * scope, and reads the passages (and only their documents) back from the system of record.
 *
 * <p>The scope is enforced inside the vector search with the filter {@code agent_id = agent AND
 * (owner_id missing OR owner_id = user)}, and checked again on the document rows. A hit whose chunk
 * or document no longer exists (an index lagging behind a delete) is skipped.
 *
 * <p>Immutable and thread-safe; it does not own the model or the stores it is given.
 */
public final class DenseRetriever implements Retriever {
  private final EmbeddingModel embeddings;
  private final VectorStore vectors;
  private final DocumentStore documents;

  /**
   * Creates a retriever over these components.
   *
   * @param embeddings the model the index was built with
   * @param vectors the vector index
   * @param documents the system of record holding chunks and documents
   */
  public DenseRetriever(EmbeddingModel embeddings, VectorStore vectors, DocumentStore documents) {
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /** The filter that limits a search to the agent's shared records and the user's private ones. */
  public static Filter scope(String agentId, String userId) {
    return Filter.and(
        Filter.eq(VectorRecord.AGENT_ID, agentId),
        Filter.or(Filter.missing(VectorRecord.OWNER_ID), Filter.eq(VectorRecord.OWNER_ID, userId)));
  }

  @Override
  public List<Source> retrieve(RetrievalQuery query) {
    Objects.requireNonNull(query, "query");
    float[] vector = embeddings.embedQuery(query.text());
    List<SearchHit> hits =
        vectors.search(
            new SearchRequest(
                vector, query.topK(), scope(query.agentId(), query.userId()), query.minScore()));
    if (hits.isEmpty()) {
      return List.of();
    }
    Map<String, ChunkRecord> chunks =
        documents.chunks(hits.stream().map(SearchHit::id).toList()).stream()
            .collect(Collectors.toMap(ChunkRecord::id, Function.identity(), (a, b) -> a));
    Map<String, DocumentRecord> docs =
        documents.byIds(
            chunks.values().stream().map(ChunkRecord::documentId).collect(Collectors.toSet()));
    Map<String, List<String>> paths = documents.locations(docs.keySet());
    List<Source> sources = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      ChunkRecord chunk = chunks.get(hit.id());
      if (chunk == null) {
        continue;
      }
      DocumentRecord doc = docs.get(chunk.documentId());
      if (doc == null || !visible(doc, query)) {
        continue;
      }
      sources.add(
          new Source(
              doc.id(),
              doc.name(),
              paths.getOrDefault(doc.id(), List.of(doc.location())),
              chunk.page(),
              chunk.section(),
              chunk.ordinal(),
              hit.score(),
              chunk.text()));
    }
    return List.copyOf(sources);
  }

  private static boolean visible(DocumentRecord doc, RetrievalQuery query) {
    return doc.agentId().equals(query.agentId())
        && (doc.ownerId() == null || doc.ownerId().equals(query.userId()));
  }
}
