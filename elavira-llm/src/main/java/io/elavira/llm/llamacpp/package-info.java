/**
 * llama.cpp's server ({@code llama-server}): {@link io.elavira.llm.llamacpp.LlamaCppProvider} for
 * chat and SSE streaming over {@code /v1/chat/completions}, with {@code /health} and {@code
 * /v1/models}, and {@link io.elavira.llm.llamacpp.LlamaCppEmbeddingModel} over {@code
 * /v1/embeddings}.
 */
@NullMarked
package io.elavira.llm.llamacpp;

import org.jspecify.annotations.NullMarked;
