/**
 * OpenAI and any OpenAI-compatible server (vLLM, LM Studio, LocalAI...): {@link
 * io.elavira.llm.openai.OpenAiProvider} for chat and SSE streaming over {@code /chat/completions},
 * and {@link io.elavira.llm.openai.OpenAiEmbeddingModel} over {@code /embeddings}.
 */
@NullMarked
package io.elavira.llm.openai;

import org.jspecify.annotations.NullMarked;
