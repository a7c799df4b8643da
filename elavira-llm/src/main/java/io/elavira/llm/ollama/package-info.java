/**
 * The Ollama provider, {@link io.elavira.llm.ollama.OllamaProvider}: chat and NDJSON streaming over
 * Ollama's REST API ({@code /api/chat}), with typed, retriable-or-not errors. Wire DTOs and HTTP
 * code are package-private.
 */
@NullMarked
package io.elavira.llm.ollama;

import org.jspecify.annotations.NullMarked;
