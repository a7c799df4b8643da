/**
 * Not API: the Chat Completions engine and wire shapes that OpenAI, OpenAI-compatible servers,
 * Mistral and llama.cpp's server share ({@code /chat/completions} with SSE ending in {@code data:
 * [DONE]}, {@code /models}, {@code /embeddings}), with each API's small differences as a {@link
 * io.elavira.llm.openai.internal.Dialect}. May change in any release.
 */
@NullMarked
package io.elavira.llm.openai.internal;

import org.jspecify.annotations.NullMarked;
