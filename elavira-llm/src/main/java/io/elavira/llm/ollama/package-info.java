/**
 * The Ollama provider: {@link io.elavira.llm.ollama.OllamaProvider} (chat and NDJSON streaming over
 * {@code /api/chat}, models and health over {@code /api/tags}) and {@link
 * io.elavira.llm.ollama.OllamaEmbeddingModel} ({@code /api/embed}). Wire DTOs are package-private.
 */
@NullMarked
package io.elavira.llm.ollama;

import org.jspecify.annotations.NullMarked;
