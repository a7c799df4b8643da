package io.elavira.llm.openai.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * How one API differs from OpenAI's Chat Completions. Not API.
 *
 * @param chatPath the chat path relative to the base URL, e.g. "chat/completions"
 * @param modelsPath the model-listing path, e.g. "models"
 * @param embeddingsPath the embeddings path, e.g. "embeddings"
 * @param seedField the request field of the sampling seed ("seed"; Mistral "random_seed")
 * @param maxTokensField the request field of the output limit ("max_completion_tokens" at OpenAI,
 *     "max_tokens" elsewhere)
 * @param streamUsageOption whether to send {@code stream_options.include_usage}
 * @param schemaInline whether {@code response_format} carries the schema directly (llama.cpp:
 *     {@code {"type":"json_schema","schema":{...}}}) rather than OpenAI's {@code
 *     {"type":"json_schema","json_schema":{"name","schema"}}}
 * @param extra adds the API's own fields to every chat request (e.g. Mistral's safe_prompt)
 */
public record Dialect(
    String chatPath,
    String modelsPath,
    String embeddingsPath,
    String seedField,
    String maxTokensField,
    boolean streamUsageOption,
    boolean schemaInline,
    Consumer<ObjectNode> extra) {

  /**
   * The dialect an embeddings-only client uses: the paths under {@code pathPrefix} ("" or "v1/"),
   * chat fields at OpenAI's defaults.
   *
   * @param localServer llama.cpp's server (stream usage option, inline schema) rather than a hosted
   *     API
   */
  public static Dialect forEmbeddings(String pathPrefix, boolean localServer) {
    return new Dialect(
        pathPrefix + "chat/completions",
        pathPrefix + "models",
        pathPrefix + "embeddings",
        "seed",
        "max_tokens",
        localServer,
        localServer,
        body -> {});
  }
}
