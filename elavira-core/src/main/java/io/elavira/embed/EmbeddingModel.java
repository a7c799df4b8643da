package io.elavira.embed;

import java.util.List;

/**
 * Turns texts into vectors for semantic search.
 *
 * <p>Implementations are thread-safe and hold their resources (a native session, an HTTP client)
 * until {@link #close()}. Vectors are L2-normalised, so a dot product is the cosine similarity.
 *
 * <p>Questions and passages: {@link #embedAll(List)} and {@link #embed(String)} embed passages
 * (what is indexed); {@link #embedQuery(String)} embeds a question that searches them. Most models
 * embed both alike (the default). Models trained with instructions, such as e5 with its {@code
 * "query: "} and {@code "passage: "} prefixes, override {@link #embedQuery(String)} and {@link
 * #queryModelId()}.
 *
 * <p>Errors: an {@link io.elavira.ElaviraException} (or a subclass such as {@link
 * io.elavira.llm.LlmException} for remote models) names the model and what failed.
 */
public interface EmbeddingModel extends AutoCloseable {

  /**
   * A stable identifier of the model and its settings, e.g. "all-minilm-l6-v2-q". Stored next to
   * each vector, so that vectors from different models are never mixed.
   */
  String modelId();

  /** The length of every vector this model returns. */
  int dimension();

  /**
   * Embeds the texts, in order; one vector per text. Implementations batch internally, so pass many
   * texts at once rather than calling this in a loop.
   *
   * @param texts the texts, none null (an empty text gets a valid vector)
   * @return one normalised vector of {@link #dimension()} floats per text
   */
  List<float[]> embedAll(List<String> texts);

  /** Embeds one text. */
  default float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /**
   * Embeds a question that searches the passages {@link #embedAll(List)} embedded. The retrieval
   * path calls this for questions. The same as {@link #embed(String)} by default; a model that
   * embeds questions differently (e5's {@code "query: "} prefix) overrides it, and {@link
   * #queryModelId()} too.
   *
   * @param text the question (an empty text gets a valid vector)
   * @return one normalised vector of {@link #dimension()} floats
   */
  default float[] embedQuery(String text) {
    return embed(text);
  }

  /**
   * The id under which vectors from {@link #embedQuery(String)} are cached: {@link #modelId()} by
   * default, when questions are embedded as passages are; another id when they are not, so that a
   * cached passage vector is never taken for the vector of the same text asked as a question.
   */
  default String queryModelId() {
    return modelId();
  }

  /** Releases native or network resources. Idempotent. Does nothing by default. */
  @Override
  default void close() {}
}
