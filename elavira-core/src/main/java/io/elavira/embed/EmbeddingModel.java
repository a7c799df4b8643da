package io.elavira.embed;

import java.util.List;
import java.util.OptionalDouble;

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

  /**
   * The best cosine similarity (of a question with its closest passage) below which a question
   * matches no passage well for this model ({@link io.elavira.Answer#weakMatch()}), when it was
   * measured on an evaluation set; empty when it was not. Models spread their cosines differently
   * (all-MiniLM-L6-v2 0.62, e5-small-v2 0.87 on the same French set), so the model is what knows
   * its threshold. An agent uses it unless {@link io.elavira.ElaviraAgentBuilder#weakMatchBelow}
   * sets one, and {@link io.elavira.retrieval.HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}
   * (measured for all-MiniLM-L6-v2) when it is empty.
   *
   * <p>Empty by default. A model that wraps another returns the wrapped model's.
   *
   * @return a value in [-1, 1], or empty
   */
  default OptionalDouble weakMatchBelow() {
    return OptionalDouble.empty();
  }

  /** Releases native or network resources. Idempotent. Does nothing by default. */
  @Override
  default void close() {}
}
